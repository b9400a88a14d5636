# zoo: the same algorithm as benches/zoo.dvo.
import sys


class Animal:
    def __init__(self, legs):
        self.legs = legs

    def sound(self):
        return 1

    def weight(self):
        return self.legs


class Dog(Animal):
    def __init__(self):
        super().__init__(4)

    def sound(self):
        return 2


class Cat(Animal):
    def __init__(self):
        super().__init__(4)
        self.lives = 9

    def sound(self):
        return 3


class Bird(Animal):
    def __init__(self):
        super().__init__(2)

    def sound(self):
        return 5

    def weight(self):
        return 1


class Fish(Animal):
    def __init__(self):
        super().__init__(0)
        self.fins = 2


class Snake(Animal):
    def __init__(self):
        self.legs = 0
        self.length = 3

    def sound(self):
        return 7

    def weight(self):
        return self.length


def main():
    zoo = [Dog(), Cat(), Bird(), Fish(), Snake(), Dog()]
    poly = [Dog(), Cat(), Bird(), Dog()]
    total = 0
    for r in range(200000):
        for i in range(6):
            a = zoo[i]
            total = total + a.sound() + a.weight() + a.legs
        for i in range(4):
            a = poly[i]
            total = total + a.sound() + a.legs
    if total != 15200000:
        print("zoo wrong", total)
        sys.exit(1)
    print("zoo", total, "ok")


main()
