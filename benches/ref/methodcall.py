# methodcall: the same algorithm as benches/methodcall.dvo.
import sys


class Toggle:
    def __init__(self, state):
        self.state = state

    def value(self):
        return self.state

    def activate(self):
        self.state = not self.state
        return self


class NthToggle(Toggle):
    def __init__(self, state, max):
        super().__init__(state)
        self.count_max = max
        self.count = 0

    def activate(self):
        self.count = self.count + 1
        if self.count >= self.count_max:
            super().activate()
            self.count = 0
        return self


def main():
    n = 400000
    toggle = Toggle(True)
    trues = 0
    for i in range(n):
        for j in range(5):
            if toggle.activate().value():
                trues = trues + 1
    nth = NthToggle(True, 3)
    for i in range(n):
        for j in range(5):
            if nth.activate().value():
                trues = trues + 1
    if trues != 2000001:
        print("methodcall wrong", trues)
        sys.exit(1)
    print("methodcall", trues, "ok")


main()
