//! Compressing the built assets once, at build time: beside every script, WASM module and
//! stylesheet under the site's `pkg` directory go a `.br` (brotli, quality 11) and a `.gz`
//! (gzip, level 9). The server sends those bytes as they are (see `http`), so no request pays
//! for compression, and the slowest, smallest setting costs nothing at run time.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// File types worth compressing (the rest of `pkg` is already compressed or never fetched).
const COMPRESSIBLE: &[&str] = &["js", "wasm", "css", "json", "svg"];

/// What one run wrote: files compressed, bytes before, brotli bytes after.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub raw_bytes: u64,
    pub brotli_bytes: u64,
    pub gzip_bytes: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "đã nén {} tệp: {} byte → {} byte brotli, {} byte gzip",
            self.files, self.raw_bytes, self.brotli_bytes, self.gzip_bytes
        )
    }
}

/// Writes `.br` and `.gz` beside every compressible file directly in `dir` whose compressed
/// copies are missing or older than it.
pub fn precompress_dir(dir: &Path) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if !path.is_file() || !is_compressible(&path) {
            continue;
        }
        let raw = std::fs::read(&path)?;
        let br = brotli_bytes(&raw)?;
        let gz = gzip_bytes(&raw)?;
        write_if_changed(&with_suffix(&path, "br"), &br)?;
        write_if_changed(&with_suffix(&path, "gz"), &gz)?;
        summary.files += 1;
        summary.raw_bytes += raw.len() as u64;
        summary.brotli_bytes += br.len() as u64;
        summary.gzip_bytes += gz.len() as u64;
    }
    Ok(summary)
}

fn is_compressible(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|ext| COMPRESSIBLE.contains(&ext))
}

/// `app.wasm` → `app.wasm.br`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes)
}

pub fn brotli_bytes(raw: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() / 3);
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
    Ok(out)
}

pub fn gzip_bytes(raw: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(raw)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_brotli_and_gzip_that_decode_to_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let js = "export function hydrate() { console.log('xin chào'); }\n".repeat(200);
        std::fs::write(dir.path().join("app.abc123.js"), &js).unwrap();
        std::fs::write(dir.path().join("photo.png"), [0u8, 1, 2, 3]).unwrap();

        let summary = precompress_dir(dir.path()).unwrap();
        assert_eq!(summary.files, 1, "only the script is compressible");
        assert_eq!(summary.raw_bytes, js.len() as u64);
        assert!(summary.brotli_bytes * 10 < summary.raw_bytes, "{summary}");
        assert!(!dir.path().join("photo.png.br").exists());

        let br = std::fs::read(dir.path().join("app.abc123.js.br")).unwrap();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).unwrap();
        assert_eq!(decoded, js.as_bytes());

        let gz = std::fs::read(dir.path().join("app.abc123.js.gz")).unwrap();
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded).unwrap();
        assert_eq!(decoded, js);

        // A second run finds nothing new to write but reports the same files.
        assert_eq!(precompress_dir(dir.path()).unwrap(), summary);
    }
}
