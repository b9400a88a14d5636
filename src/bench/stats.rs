//! Summary statistics of a list of run times (seconds).

/// Median, extremes and mean of a non-empty sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub n: usize,
}

/// The median: the middle value, or the mean of the two middle values for an even count.
/// `None` for an empty sample. NaNs sort last and are not expected in run times.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[mid] } else { (v[mid - 1] + v[mid]) / 2.0 })
}

/// Summarize a sample; `None` when it is empty.
pub fn summarize(xs: &[f64]) -> Option<Summary> {
    let median = median(xs)?;
    let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    Some(Summary { median, min, max, mean, n: xs.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn summary_min_max_mean() {
        let s = summarize(&[0.5, 0.2, 0.9, 0.4]).unwrap();
        assert_eq!(s.min, 0.2);
        assert_eq!(s.max, 0.9);
        assert_eq!(s.median, 0.45);
        assert!((s.mean - 0.5).abs() < 1e-12);
        assert_eq!(s.n, 4);
        assert_eq!(summarize(&[]), None);
    }

    #[test]
    fn median_does_not_reorder_input() {
        let xs = [3.0, 1.0, 2.0];
        median(&xs);
        assert_eq!(xs, [3.0, 1.0, 2.0]);
    }
}
