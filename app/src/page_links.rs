//! Which links lead to a page of the portal (HTML the reader's browser can swap in without
//! loading the document again), and which lead to a file: a document, a feed, a calendar, a
//! data export, an image or a built asset. Used by the browser's client-side navigation.

/// Paths under these are files and answers, never pages.
const FILE_PREFIXES: [&str; 6] = ["/tai-lieu/", "/api/", "/pkg/", "/uploads/", "/thong-ke/", "/images/"];

/// Whether `path` (without query or fragment) names one of the portal's pages. Every file the
/// portal serves outside the prefixes above ends in an extension (`/rss/tin-tuc.xml`,
/// `/lich/hdnd/lich.ics`, `/du-lieu-mo/nghi-quyet.csv`, `/sitemap.xml`); pages never do.
pub fn is_page_path(path: &str) -> bool {
    if !path.starts_with('/') || FILE_PREFIXES.iter().any(|p| path.starts_with(p)) {
        return false;
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    !last.contains('.')
}

#[cfg(test)]
mod tests {
    use super::is_page_path;

    #[test]
    fn pages_are_pages() {
        for path in
            ["/", "/bai-viet/trien-khai-de-an", "/nghi-quyet", "/lich/hdnd", "/tim-kiem", "/en/introduction", "/rss"]
        {
            assert!(is_page_path(path), "{path}");
        }
    }

    #[test]
    fn files_and_answers_are_not() {
        for path in [
            "/rss/tin-tuc.xml",
            "/rss/chuyen-muc/tin-tuc.xml",
            "/lich/hdnd/lich.ics",
            "/du-lieu-mo/nghi-quyet.csv",
            "/sitemap.xml",
            "/robots.txt",
            "/tai-lieu/42",
            "/api/goi-y",
            "/pkg/hdnd.js",
            "/uploads/anh",
            "/thong-ke/dem",
            "/images/quoc-huy.svg",
            "bai-viet/tuong-doi",
        ] {
            assert!(!is_page_path(path), "{path}");
        }
    }
}
