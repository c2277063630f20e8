//! Structured data for search engines and link previews (JSON-LD, schema.org), built from
//! typed values with `serde_json` and escaped so that nothing in a title can end the
//! `<script>` element that carries it.

use serde::Serialize;

/// The portal's publisher, named in every article.
pub const PUBLISHER: &str = "Hội đồng nhân dân tỉnh Bình Dương";

/// An organisation named inside another item (an author, a publisher, a parent body).
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

/// The council or one of its bodies (Thường trực, a Ban, a Tổ đại biểu), as a page's subject.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GovernmentOrganization {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_organization: Option<Organization>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub member: Vec<PersonRef>,
    pub area_served: Place,
}

impl GovernmentOrganization {
    /// The council itself, at `origin`.
    pub fn council(origin: &str) -> GovernmentOrganization {
        GovernmentOrganization {
            context: SCHEMA_ORG,
            kind: "GovernmentOrganization",
            name: PUBLISHER.to_string(),
            url: format!("{origin}/"),
            description: "Cơ quan quyền lực nhà nước ở địa phương, đại diện cho ý chí, nguyện vọng và quyền làm chủ của Nhân dân tỉnh Bình Dương.".into(),
            parent_organization: None,
            member: Vec::new(),
            area_served: Place::province(),
        }
    }
}

/// A person named inside another item: a body's member, with the role held there.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub job_title: String,
}

/// A delegate's own page.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub job_title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The year only, as the council publishes it ("1970").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub works_for: Option<Organization>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub member_of: Vec<Organization>,
}

/// A place: the province served, or where a calendar entry happens.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    pub address: PostalAddress,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub address_region: &'static str,
    pub address_country: &'static str,
}

impl Place {
    /// A place in the province called `name`.
    pub fn named(name: impl Into<String>) -> Place {
        Place {
            kind: "Place",
            name: name.into(),
            address: PostalAddress { kind: "PostalAddress", address_region: "Bình Dương", address_country: "VN" },
        }
    }

    pub fn province() -> Place {
        Place::named("Tỉnh Bình Dương")
    }
}

/// A calendar entry (a meeting, a sitting, a reception of citizens).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    /// With its offset: "2022-06-20T08:00:00+07:00".
    pub start_date: String,
    pub location: Place,
    pub organizer: Organization,
    pub url: String,
    pub event_status: &'static str,
    pub event_attendance_mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Event {
    /// An entry held in person at `place`, organised by the council.
    pub fn in_person(
        origin: &str,
        name: String,
        start: String,
        place: String,
        url: String,
        description: String,
    ) -> Event {
        Event {
            context: SCHEMA_ORG,
            kind: "Event",
            name,
            start_date: start,
            location: Place::named(place),
            organizer: Organization::council(origin),
            url,
            event_status: "https://schema.org/EventScheduled",
            event_attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
            end_date: None,
            description,
        }
    }
}

/// A resolution, as schema.org's `Legislation` (the ELI vocabulary's terms).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Legislation {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    pub legislation_identifier: String,
    pub legislation_type: String,
    /// "2022-06-20".
    pub legislation_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legislation_date_of_applicability: Option<String>,
    /// `InForce`, `PartiallyInForce` or `NotInForce`.
    pub legislation_legal_force: String,
    pub legislation_passed_by: Organization,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub legislation_responsible: String,
    pub legislation_jurisdiction: &'static str,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    pub url: String,
    pub in_language: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub encoding: Vec<MediaObject>,
}

/// One of a resolution's files.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaObject {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: String,
    pub content_url: String,
}

impl MediaObject {
    pub fn new(name: String, content_url: String) -> MediaObject {
        MediaObject { kind: "LegislationObject", name, content_url }
    }
}

/// The `legislationLegalForce` for a resolution's validity.
pub fn legal_force(validity: crate::resolution::Validity) -> String {
    use crate::resolution::Validity::*;
    let term = match validity {
        InForce => "InForce",
        PartlyExpired => "PartiallyInForce",
        Expired => "NotInForce",
    };
    format!("https://schema.org/{term}")
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

/// A resolution's page as `Legislation`.
pub fn legislation(origin: &str, d: &crate::resolution::ResolutionDetail) -> Legislation {
    use crate::resolution::iso_date;
    let s = &d.summary;
    Legislation {
        context: SCHEMA_ORG,
        kind: "Legislation",
        name: format!("Nghị quyết số {}: {}", s.number, s.abstract_text),
        legislation_identifier: s.number.clone(),
        legislation_type: s.doc_type.label().to_string(),
        legislation_date: iso_date(&s.signed),
        legislation_date_of_applicability: d.effective.as_deref().map(iso_date),
        legislation_legal_force: legal_force(s.validity),
        legislation_passed_by: Organization { kind: "GovernmentOrganization", name: s.issuer.clone(), url: None },
        legislation_responsible: d.signer.clone(),
        legislation_jurisdiction: "Tỉnh Bình Dương, Việt Nam",
        abstract_text: s.abstract_text.clone(),
        url: absolute(origin, &crate::records::RecordKind::Resolution.href(&s.slug, &[])),
        in_language: "vi",
        encoding: d.files.iter().map(|f| MediaObject::new(f.name.clone(), absolute(origin, &f.url))).collect(),
    }
}

/// A calendar entry of `calendar` as an `Event`.
pub fn event(origin: &str, calendar: &str, e: &crate::council::EventItem) -> Event {
    let date = e.iso.split('T').next().unwrap_or_default();
    let href = crate::records::event_href(calendar, date, &e.slug);
    let mut event = Event::in_person(
        origin,
        e.content.clone(),
        e.iso.clone(),
        e.place.clone(),
        absolute(origin, &href),
        e.participants.clone(),
    );
    event.end_date = e.end_iso.clone();
    event
}

/// A body of the council (with its members) as a `GovernmentOrganization`.
pub fn body(origin: &str, b: &crate::council::BodyDetail) -> GovernmentOrganization {
    use crate::records::RecordKind;
    GovernmentOrganization {
        context: SCHEMA_ORG,
        kind: "GovernmentOrganization",
        name: b.name.clone(),
        url: absolute(origin, &RecordKind::Body.href(&b.slug, &[])),
        description: b.duties.join(" "),
        parent_organization: Some(Organization::council(origin)),
        member: b
            .members
            .iter()
            .map(|m| PersonRef {
                kind: "Person",
                name: m.name.clone(),
                url: absolute(origin, &RecordKind::Person.href(&m.slug, &[])),
                job_title: m.role.clone(),
            })
            .collect(),
        area_served: Place::province(),
    }
}

/// A delegate's page as a `Person`.
pub fn person(origin: &str, p: &crate::council::PersonDetail) -> Person {
    use crate::records::RecordKind;
    Person {
        context: SCHEMA_ORG,
        kind: "Person",
        name: p.name.clone(),
        url: absolute(origin, &RecordKind::Person.href(&p.slug, &[])),
        job_title: p.position.clone(),
        image: p.photo_url.as_deref().map(|u| absolute(origin, u)),
        birth_date: p.born.map(|y| y.to_string()),
        works_for: (!p.workplace.is_empty()).then(|| Organization {
            kind: "Organization",
            name: p.workplace.clone(),
            url: None,
        }),
        member_of: p
            .memberships
            .iter()
            .map(|(slug, name, _)| Organization {
                kind: "GovernmentOrganization",
                name: name.clone(),
                url: Some(absolute(origin, &RecordKind::Body.href(slug, &[]))),
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

/// The JSON-LD that `build` makes, written on the server only. In the browser it is empty and
/// never built: hydration leaves a server-rendered `inner_html` as it is, so the page keeps
/// the server's data, and readers' phones never download this code (search engines and link
/// previews read the server's HTML).
pub fn server_json_ld<T: Serialize>(build: impl FnOnce() -> T) -> String {
    #[cfg(feature = "ssr")]
    {
        json_ld(&build())
    }
    #[cfg(not(feature = "ssr"))]
    {
        drop(build);
        String::new()
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
