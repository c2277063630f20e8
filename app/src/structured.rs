//! Structured data for search engines and link previews (JSON-LD, schema.org), built from
//! typed values with `serde_json` and escaped so that nothing in a title can end the
//! `<script>` element that carries it.

use serde::Serialize;

/// The portal's publisher, named in every article.
pub const PUBLISHER: &str = "Hội đồng nhân dân tỉnh Bình Dương";

#[derive(Clone, Debug, Serialize)]
pub struct Organization {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Organization {
    /// The council, as a government organisation, at `origin`.
    pub fn council(origin: &str) -> Organization {
        Organization { kind: "GovernmentOrganization", name: PUBLISHER.to_string(), url: Some(format!("{origin}/")) }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewsArticle {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub headline: String,
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub image: Vec<String>,
    pub date_published: String,
    pub author: Organization,
    pub publisher: Organization,
    pub main_entity_of_page: String,
    pub in_language: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct ListItem {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub position: usize,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BreadcrumbList {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub item_list_element: Vec<ListItem>,
}

pub const SCHEMA_ORG: &str = "https://schema.org";

/// A breadcrumb as schema.org's list: each step with its absolute address (the current page,
/// which has none in the breadcrumb, without one).
pub fn breadcrumb_list(origin: &str, crumbs: &[crate::model::Crumb]) -> BreadcrumbList {
    BreadcrumbList {
        context: SCHEMA_ORG,
        kind: "BreadcrumbList",
        item_list_element: crumbs
            .iter()
            .enumerate()
            .map(|(i, c)| ListItem {
                kind: "ListItem",
                position: i + 1,
                name: c.label.clone(),
                item: c.href.as_ref().map(|h| absolute(origin, h)),
            })
            .collect(),
    }
}

/// An address made absolute with `origin` (one that is already absolute is kept).
pub fn absolute(origin: &str, href: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        href.to_string()
    } else {
        format!("{origin}{href}")
    }
}

/// The JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` written as `\u003c`,
/// `\u003e` and `\u0026` (still the same JSON), so `</script>` in a title ends nothing.
pub fn json_ld<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Crumb;

    #[test]
    fn json_ld_cannot_end_its_script_and_parses_back() {
        let crumbs = vec![Crumb::home(), Crumb::current("</script><script>alert(1)</script> & “bài”")];
        let json = json_ld(&breadcrumb_list("https://x.vn", &crumbs));
        assert!(!json.contains("</script"), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["@type"], "BreadcrumbList");
        assert_eq!(back["itemListElement"][0]["item"], "https://x.vn/");
        assert_eq!(back["itemListElement"][1]["name"], "</script><script>alert(1)</script> & “bài”");
        assert_eq!(back["itemListElement"][1]["position"], 2);
        assert!(back["itemListElement"][1].get("item").is_none());
    }
}
