//! `--check BASELINE.json --threshold PCT`: compare medians against a committed baseline
//! (a file written earlier by `devvm bench --json`).

use super::json::Json;

/// A baseline median for one benchmark row.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseEntry {
    pub name: String,
    pub lang: String,
    pub tier: String,
    pub median: f64,
}

/// A current result to check: the row's identity and its median (`None` = it failed).
#[derive(Debug, Clone, PartialEq)]
pub struct Current<'a> {
    pub name: &'a str,
    pub lang: &'a str,
    pub tier: &'a str,
    pub median: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Within the threshold.
    Ok,
    /// Slower than the baseline by more than the threshold.
    Regression,
    /// Faster than the baseline by more than the threshold (informational).
    Faster,
    /// No baseline figure for this row.
    New,
    /// The benchmark failed now; reported elsewhere as FAILED.
    Failed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    pub name: String,
    pub lang: String,
    pub tier: String,
    pub base: Option<f64>,
    pub current: Option<f64>,
    /// (current - base) / base, in percent.
    pub change_pct: Option<f64>,
    pub status: Status,
}

/// Read the baseline rows from a `--json` document: `benchmarks[*]` with `name`, `lang`,
/// `tier` and a numeric `median_s` (failed rows, whose median is null, are skipped).
pub fn entries(doc: &Json) -> Result<Vec<BaseEntry>, String> {
    let list =
        doc.get("benchmarks").and_then(Json::as_array).ok_or("not a devvm bench JSON file: no \"benchmarks\" array")?;
    let mut out = Vec::new();
    for (i, b) in list.iter().enumerate() {
        let field = |k: &str| {
            b.get(k)
                .and_then(Json::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("benchmarks[{i}] has no string \"{k}\""))
        };
        let (name, lang, tier) = (field("name")?, field("lang")?, field("tier")?);
        if let Some(median) = b.get("median_s").and_then(Json::as_f64) {
            out.push(BaseEntry { name, lang, tier, median });
        }
    }
    Ok(out)
}

/// Compare every current row with the baseline row of the same name, language and tier.
pub fn check(current: &[Current], base: &[BaseEntry], threshold_pct: f64) -> Vec<CheckRow> {
    current
        .iter()
        .map(|c| {
            let b = base.iter().find(|b| b.name == c.name && b.lang == c.lang && b.tier == c.tier);
            let base_median = b.map(|b| b.median);
            let change_pct = match (base_median, c.median) {
                (Some(b), Some(m)) if b > 0.0 => Some((m - b) / b * 100.0),
                _ => None,
            };
            let status = match (c.median, change_pct) {
                (None, _) => Status::Failed,
                (Some(_), None) => Status::New,
                (Some(_), Some(p)) if p > threshold_pct => Status::Regression,
                (Some(_), Some(p)) if p < -threshold_pct => Status::Faster,
                _ => Status::Ok,
            };
            CheckRow {
                name: c.name.to_string(),
                lang: c.lang.to_string(),
                tier: c.tier.to_string(),
                base: base_median,
                current: c.median,
                change_pct,
                status,
            }
        })
        .collect()
}

/// True when some row regressed past the threshold.
pub fn has_regression(rows: &[CheckRow]) -> bool {
    rows.iter().any(|r| r.status == Status::Regression)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Json {
        Json::parse(
            r#"{"version": 1, "benchmarks": [
                {"name": "fib", "lang": "dvs", "tier": "interp", "median_s": 1.0},
                {"name": "loop", "lang": "dvs", "tier": "interp", "median_s": 2.0},
                {"name": "nbody", "lang": "dvs", "tier": "interp", "median_s": null},
                {"name": "fib", "lang": "dvs", "tier": "full", "median_s": 0.1}
            ]}"#,
        )
        .unwrap()
    }

    fn cur<'a>(name: &'a str, tier: &'a str, median: Option<f64>) -> Current<'a> {
        Current { name, lang: "dvs", tier, median }
    }

    #[test]
    fn reads_entries() {
        let e = entries(&doc()).unwrap();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0], BaseEntry { name: "fib".into(), lang: "dvs".into(), tier: "interp".into(), median: 1.0 });
        assert!(entries(&Json::parse("{}").unwrap()).is_err());
        assert!(entries(&Json::parse(r#"{"benchmarks": [{"name": "x"}]}"#).unwrap()).is_err());
    }

    #[test]
    fn classifies_rows() {
        let base = entries(&doc()).unwrap();
        let rows = check(
            &[
                cur("fib", "interp", Some(1.05)),  // +5%: ok at 10%
                cur("loop", "interp", Some(2.5)),  // +25%: regression
                cur("nbody", "interp", Some(1.0)), // baseline failed: new
                cur("fib", "full", Some(0.05)),    // -50%: faster
                cur("sieve", "interp", None),      // failed now
            ],
            &base,
            10.0,
        );
        let st: Vec<Status> = rows.iter().map(|r| r.status).collect();
        assert_eq!(st, [Status::Ok, Status::Regression, Status::New, Status::Faster, Status::Failed]);
        assert!((rows[1].change_pct.unwrap() - 25.0).abs() < 1e-9);
        assert_eq!(rows[0].base, Some(1.0));
        assert!(has_regression(&rows));
        assert!(!has_regression(&rows[..1]));
        // Exactly at the threshold is not a regression.
        let edge = check(&[cur("fib", "interp", Some(1.5))], &base, 50.0);
        assert_eq!(edge[0].status, Status::Ok);
    }
}
