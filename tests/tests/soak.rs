//! The soak: the playground trains for `NINESTEP_SOAK_MINUTES` minutes (default 10) while
//! the page's JS heap (after a forced garbage collection, through the DevTools protocol),
//! the wasm memory of the page and of the training worker, and the main thread's latency
//! are sampled. Not part of `cargo xtask test` (ignored); `cargo xtask soak [--minutes N]`
//! runs it. It fails when memory keeps growing after the warm-up or the page stops
//! answering within 100 ms.

use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use ninestep_e2e::Browser;
use serde_json::{json, Value as Json};

const PLAYGROUND: &str = "ninestep-widget#trainer";
/// The latency the page must keep: 99 % of posted tasks start within it.
const LATENCY_MS: f64 = 100.0;
/// Growth allowed after the warm-up sample: this share plus [`SLACK_BYTES`].
const GROWTH: f64 = 0.10;
/// Absolute slack on top of [`GROWTH`] (allocator and JIT noise).
const SLACK_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

/// Chromedriver's DevTools pass-through: `POST /session/{id}/goog/cdp/execute`.
#[derive(Debug)]
struct Cdp(&'static str, Json);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or("")
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.0, "params": self.1});
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn cdp(b: &Browser, cmd: &'static str, params: Json) -> Json {
    b.client
        .issue_cmd(Cdp(cmd, params))
        .await
        .unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"))
}

/// One row of the report.
#[derive(Debug)]
struct Sample {
    seconds: f64,
    heap: f64,
    wasm: f64,
    worker: f64,
    p99: f64,
    max: f64,
    tasks: usize,
    epochs: f64,
    restarts: usize,
}

fn minutes() -> f64 {
    std::env::var("NINESTEP_SOAK_MINUTES")
        .ok()
        .and_then(|m| m.parse::<f64>().ok())
        .filter(|m| *m > 0.0)
        .unwrap_or(10.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

const MB: f64 = 1024.0 * 1024.0;

#[tokio::test]
#[ignore = "long: run with `cargo xtask soak [--minutes N]`"]
async fn the_playground_trains_for_minutes_with_flat_memory_and_a_responsive_page() {
    let total = Duration::from_secs_f64(minutes() * 60.0);
    let every = Duration::from_secs_f64((total.as_secs_f64() / 20.0).clamp(5.0, 30.0));
    let b = Browser::start().await;
    // The playground's own defaults, or the settings of NINESTEP_SOAK_QUERY (hash keys such
    // as `trainer.dataset=spiral&trainer.layers=8,8,8`).
    let query = std::env::var("NINESTEP_SOAK_QUERY").unwrap_or_default();
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("&{}", query.trim_start_matches(['&', '#']))
    };
    eprintln!("soak: lessons/playground.html#lang=en{query}");
    b.goto(&format!("lessons/playground.html#lang=en{query}"))
        .await;
    b.wait_widgets_ready("the playground").await;
    cdp(&b, "Performance.enable", json!({})).await;
    // The probe: a task posted every 50 ms records how late it starts (the main thread's
    // answer time); `take()` hands over and clears the record.
    b.js("window.__soak = {lags: [], take() { const l = this.lags; this.lags = []; return l; }};
          (function tick() { const t = performance.now();
            setTimeout(() => { __soak.lags.push(performance.now() - t); setTimeout(tick, 50); }, 0); })();
          return true;")
        .await;
    let run = format!("{PLAYGROUND} button[data-action=run]");
    b.click(&run).await;
    let started = Instant::now();
    let mut samples: Vec<Sample> = Vec::new();
    let mut all_lags: Vec<f64> = Vec::new();
    let mut restarts = 0;
    eprintln!(
        "soak: {} min, a sample every {} s",
        minutes(),
        every.as_secs()
    );
    eprintln!(
        "{:>7} {:>10} {:>10} {:>10} {:>8} {:>8} {:>6} {:>7} {:>8}",
        "t (s)",
        "heap MB",
        "wasm MB",
        "worker MB",
        "p99 ms",
        "max ms",
        "tasks",
        "epochs",
        "restarts"
    );
    loop {
        // A finished run (the epoch limit) is reset and started again at once, so the
        // page keeps training for the whole soak.
        let until = Instant::now() + every;
        while Instant::now() < until {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let running = b
                .js(&format!(
                    "return !!document.querySelector('{PLAYGROUND}').running;"
                ))
                .await;
            if running == Json::Bool(false) {
                b.click(&format!("{PLAYGROUND} button[data-action=reset]"))
                    .await;
                b.click(&run).await;
                restarts += 1;
            }
        }
        cdp(&b, "HeapProfiler.collectGarbage", json!({})).await;
        let metrics = cdp(&b, "Performance.getMetrics", json!({})).await;
        let heap = metrics["metrics"]
            .as_array()
            .and_then(|m| m.iter().find(|e| e["name"] == "JSHeapUsedSize"))
            .and_then(|e| e["value"].as_f64())
            .unwrap_or(f64::NAN);
        let probe = b
            .js(&format!(
                "const w = document.querySelector('{PLAYGROUND}');
                 return {{lags: __soak.take(), wasm: w.wasmMemoryBytes, worker: w.workerMemoryBytes,
                          steps: Number(w.dataset.steps || 0)}};"
            ))
            .await;
        let mut lags: Vec<f64> = probe["lags"]
            .as_array()
            .map(|l| l.iter().filter_map(Json::as_f64).collect())
            .unwrap_or_default();
        lags.sort_by(f64::total_cmp);
        all_lags.extend(&lags);
        let s = Sample {
            seconds: started.elapsed().as_secs_f64(),
            heap,
            wasm: probe["wasm"].as_f64().unwrap_or(0.0),
            worker: probe["worker"].as_f64().unwrap_or(0.0),
            p99: percentile(&lags, 0.99),
            max: lags.last().copied().unwrap_or(0.0),
            tasks: lags.len(),
            epochs: probe["steps"].as_f64().unwrap_or(0.0) * 10.0,
            restarts,
        };
        eprintln!(
            "{:>7.0} {:>10.2} {:>10.2} {:>10.2} {:>8.1} {:>8.1} {:>6} {:>7.0} {:>8}",
            s.seconds,
            s.heap / MB,
            s.wasm / MB,
            s.worker / MB,
            s.p99,
            s.max,
            s.tasks,
            s.epochs,
            s.restarts
        );
        samples.push(s);
        if started.elapsed() >= total {
            break;
        }
    }
    b.click(&format!("{PLAYGROUND} button[data-action=pause]"))
        .await;
    b.assert_no_console_errors("the playground after the soak")
        .await;
    b.finish().await;

    // The first sample is the warm-up (engine, worker and first allocations); after it
    // nothing may keep growing.
    assert!(samples.len() >= 3, "too few samples: {samples:?}");
    let base = &samples[1];
    let last = &samples[samples.len() - 1];
    let grown = |name: &str, at: fn(&Sample) -> f64| {
        let (b0, b1) = (at(base), at(last));
        let limit = b0 * (1.0 + GROWTH) + SLACK_BYTES;
        eprintln!(
            "soak: {name}: {:.2} MB after the warm-up, {:.2} MB at the end (limit {:.2} MB)",
            b0 / MB,
            b1 / MB,
            limit / MB
        );
        (b1 > limit).then(|| format!("{name} grew from {:.2} to {:.2} MB", b0 / MB, b1 / MB))
    };
    let mut failures: Vec<String> = [
        grown("JS heap (after GC)", |s| s.heap),
        grown("page wasm memory", |s| s.wasm),
        grown("worker wasm memory", |s| s.worker),
    ]
    .into_iter()
    .flatten()
    .collect();
    all_lags.sort_by(f64::total_cmp);
    let (p50, p99, max) = (
        percentile(&all_lags, 0.5),
        percentile(&all_lags, 0.99),
        all_lags.last().copied().unwrap_or(0.0),
    );
    eprintln!(
        "soak: main-thread latency over {} posted tasks: median {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms (limit: p99 ≤ {LATENCY_MS} ms)",
        all_lags.len()
    );
    if p99 > LATENCY_MS {
        failures.push(format!("p99 latency {p99:.1} ms > {LATENCY_MS} ms"));
    }
    assert!(
        all_lags.len() as f64 > total.as_secs_f64() * 5.0,
        "the probe ran only {} times: the main thread was blocked",
        all_lags.len()
    );
    assert!(last.epochs > 0.0 || last.restarts > 0, "nothing trained");
    assert!(failures.is_empty(), "soak failed: {failures:?}");
}
