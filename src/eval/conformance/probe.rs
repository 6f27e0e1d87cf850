//! Asking the parsers: the [`Probe`] trait, and [`ProcessProbe`], which runs
//! the real `fineprint parse money|date ... -` commands, one process per
//! batch of texts, one text per standard-input line.

use rust_decimal::Decimal;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One mention printed by a probe command.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mention {
    pub text: Option<String>,
    /// Character offsets into the text.
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// Money: the amount and currency code.
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    /// Dates: the value in one of the contract's date-time forms.
    pub value: Option<String>,
}

/// A probe run that did not give usable output.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("cannot run {exe}: {source}")]
    Spawn { exe: String, source: std::io::Error },
    #[error("`{command}` exited with {status}: {stderr}")]
    Failed {
        command: String,
        status: String,
        stderr: String,
    },
    #[error("`{command}` took longer than {secs} s and was stopped")]
    Timeout { command: String, secs: u64 },
    #[error("`{command}` printed an unusable line {line}: {message}")]
    Output {
        command: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What a conformance run asks of the parsers. Each call takes a batch of
/// texts and gives back, per text in order, the mentions found in it.
pub trait Probe: Sync {
    /// `parse money [--lang xx] [--bare-numbers] -`
    fn money(
        &self,
        lang: Option<&str>,
        bare_numbers: bool,
        texts: &[String],
    ) -> Result<Vec<Vec<Mention>>, ProbeError>;
    /// `parse date [--lang xx] --as-of DATE -`
    fn date(
        &self,
        lang: Option<&str>,
        as_of: chrono::NaiveDate,
        texts: &[String],
    ) -> Result<Vec<Vec<Mention>>, ProbeError>;
}

/// Runs `EXE parse ...` as a child process per batch.
#[derive(Debug, Clone)]
pub struct ProcessProbe {
    pub exe: PathBuf,
    /// A batch that takes longer is stopped and reported.
    pub timeout: Duration,
}

impl ProcessProbe {
    pub fn new(exe: PathBuf) -> ProcessProbe {
        ProcessProbe {
            exe,
            timeout: Duration::from_secs(300),
        }
    }

    fn run(&self, args: &[String], texts: &[String]) -> Result<Vec<Vec<Mention>>, ProbeError> {
        let command = format!("{} {}", self.exe.display(), args.join(" "));
        let mut child = Command::new(&self.exe)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| ProbeError::Spawn {
                exe: self.exe.display().to_string(),
                source,
            })?;
        // One text per line: a line break inside a text would split it, so it
        // becomes a space (one character for one, offsets are kept).
        let mut input = String::new();
        for t in texts {
            input.extend(
                t.chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
            );
            input.push('\n');
        }
        let stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(mut stdin) = stdin {
                // A child that stops reading early is reported by its status.
                let _ = stdin.write_all(input.as_bytes());
            }
        });
        let stdout = child.stdout.take();
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut out) = stdout {
                let _ = out.read_to_string(&mut s);
            }
            s
        });
        let stderr = child.stderr.take();
        let err_reader = std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut err) = stderr {
                let _ = err.read_to_string(&mut s);
            }
            s
        });

        let deadline = Instant::now() + self.timeout;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ProbeError::Timeout {
                    command,
                    secs: self.timeout.as_secs(),
                });
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let _ = writer.join();
        let out = reader.join().unwrap_or_default();
        let err = err_reader.join().unwrap_or_default();
        if !status.success() {
            let first = err
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim();
            return Err(ProbeError::Failed {
                command,
                status: status.to_string(),
                stderr: first.to_string(),
            });
        }
        parse_output(&command, &out, texts.len())
    }
}

impl Probe for ProcessProbe {
    fn money(
        &self,
        lang: Option<&str>,
        bare_numbers: bool,
        texts: &[String],
    ) -> Result<Vec<Vec<Mention>>, ProbeError> {
        let mut args = vec!["parse".to_string(), "money".to_string()];
        if let Some(l) = lang {
            args.extend(["--lang".to_string(), l.to_string()]);
        }
        if bare_numbers {
            args.push("--bare-numbers".to_string());
        }
        args.push("-".to_string());
        self.run(&args, texts)
    }

    fn date(
        &self,
        lang: Option<&str>,
        as_of: chrono::NaiveDate,
        texts: &[String],
    ) -> Result<Vec<Vec<Mention>>, ProbeError> {
        let mut args = vec!["parse".to_string(), "date".to_string()];
        if let Some(l) = lang {
            args.extend(["--lang".to_string(), l.to_string()]);
        }
        args.extend(["--as-of".to_string(), as_of.format("%Y-%m-%d").to_string()]);
        args.push("-".to_string());
        self.run(&args, texts)
    }
}

/// Splits the JSONL output of a probe command by its `line` field (1-based).
pub fn parse_output(
    command: &str,
    out: &str,
    texts: usize,
) -> Result<Vec<Vec<Mention>>, ProbeError> {
    let mut per_text = vec![Vec::new(); texts];
    for (i, raw) in out.lines().enumerate() {
        let bad = |message: String| ProbeError::Output {
            command: command.to_string(),
            line: i + 1,
            message,
        };
        if raw.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(raw).map_err(|e| bad(format!("not JSON ({e})")))?;
        let line = v
            .get("line")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| bad("no \"line\" number".to_string()))?;
        let slot = usize::try_from(line)
            .ok()
            .and_then(|l| l.checked_sub(1))
            .and_then(|l| per_text.get_mut(l))
            .ok_or_else(|| bad(format!("line {line} is not one of the {texts} texts")))?;
        slot.push(mention(&v));
    }
    Ok(per_text)
}

fn mention(v: &serde_json::Value) -> Mention {
    let s = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
    };
    let n = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_u64)
            .and_then(|x| usize::try_from(x).ok())
    };
    let amount = match v.get("amount") {
        Some(serde_json::Value::String(a)) => super::cases::decimal(a),
        Some(serde_json::Value::Number(a)) => super::cases::decimal(&a.to_string()),
        _ => None,
    };
    Mention {
        text: s("text"),
        start: n("start"),
        end: n("end"),
        amount,
        currency: s("currency"),
        value: s("value"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_split_by_line_number() {
        let out = "{\"text\":\"$5\",\"start\":0,\"end\":2,\"amount\":\"5\",\"currency\":\"USD\",\"line\":2}\n\n\
                   {\"text\":\"3 €\",\"start\":1,\"end\":4,\"amount\":3,\"currency\":null,\"line\":2}\n";
        let m = parse_output("x", out, 3).unwrap();
        assert_eq!(m.len(), 3);
        assert!(m[0].is_empty() && m[2].is_empty());
        assert_eq!(m[1].len(), 2);
        assert_eq!(m[1][0].amount, Some(Decimal::from(5)));
        assert_eq!(m[1][1].amount, Some(Decimal::from(3)));
        assert_eq!(m[1][1].currency, None);
        assert_eq!(m[1][1].start, Some(1));
    }

    #[test]
    fn bad_output_is_an_error() {
        assert!(parse_output("x", "not json\n", 1).is_err());
        assert!(parse_output("x", "{\"text\":\"a\"}\n", 1).is_err());
        assert!(parse_output("x", "{\"line\":2}\n", 1).is_err());
        assert!(parse_output("x", "{\"line\":0}\n", 1).is_err());
    }

    #[test]
    fn a_missing_program_is_an_error() {
        let p = ProcessProbe::new(PathBuf::from("/nonexistent/fineprint-probe"));
        assert!(matches!(
            p.money(None, false, &["x".into()]),
            Err(ProbeError::Spawn { .. })
        ));
    }
}
