//! Browser-only helpers for the editors (formatting commands, paste, dialogs, the unsaved-
//! changes guard, local backups). Everything here runs in event handlers or effects, never
//! during server rendering; on the server the functions are inert.

#[cfg(feature = "hydrate")]
mod imp {
    use crate::paste::{clean_href, escape, rule, PasteRule};
    use wasm_bindgen::JsCast;

    fn html_document() -> Option<web_sys::HtmlDocument> {
        leptos::prelude::document().dyn_into::<web_sys::HtmlDocument>().ok()
    }

    /// Runs a formatting command on the current selection.
    pub fn exec(command: &str, value: Option<&str>) {
        if let Some(doc) = html_document() {
            let _ = doc.exec_command_with_show_ui_and_value(command, false, value.unwrap_or(""));
        }
    }

    pub fn confirm(message: &str) -> bool {
        leptos::prelude::window().confirm_with_message(message).unwrap_or(false)
    }

    pub fn prompt(message: &str) -> Option<String> {
        leptos::prelude::window().prompt_with_message(message).ok().flatten()
    }

    /// Pasting into the body: structure kept, everything else dropped.
    pub fn paste_rich(ev: &web_sys::ClipboardEvent) {
        let Some(data) = ev.clipboard_data() else { return };
        let html = data.get_data("text/html").unwrap_or_default();
        ev.prevent_default();
        if html.trim().is_empty() {
            let text = data.get_data("text/plain").unwrap_or_default();
            exec("insertText", Some(&text));
            return;
        }
        let cleaned = clean_html(&html);
        exec("insertHTML", Some(&cleaned));
    }

    /// Pasting into a one-line field: plain text only.
    pub fn paste_plain(ev: &web_sys::ClipboardEvent) {
        let Some(data) = ev.clipboard_data() else { return };
        ev.prevent_default();
        let text = data.get_data("text/plain").unwrap_or_default();
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        exec("insertText", Some(&one_line));
    }

    fn clean_html(html: &str) -> String {
        let Ok(parser) = web_sys::DomParser::new() else { return escape(html) };
        let Ok(doc) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else {
            return escape(html);
        };
        let Some(body) = doc.body() else { return String::new() };
        let mut out = String::new();
        walk_children(&body, &mut out);
        out
    }

    fn walk_children(node: &web_sys::Node, out: &mut String) {
        let children = node.child_nodes();
        for i in 0..children.length() {
            if let Some(child) = children.item(i) {
                walk(&child, out);
            }
        }
    }

    fn walk(node: &web_sys::Node, out: &mut String) {
        match node.node_type() {
            web_sys::Node::TEXT_NODE => out.push_str(&escape(&node.text_content().unwrap_or_default())),
            web_sys::Node::ELEMENT_NODE => {
                let Some(el) = node.dyn_ref::<web_sys::Element>() else { return };
                match rule(&el.tag_name()) {
                    PasteRule::Drop => {}
                    PasteRule::Unwrap => walk_children(node, out),
                    PasteRule::Keep("br") => out.push_str("<br>"),
                    PasteRule::Keep("a") => match el.get_attribute("href").as_deref().and_then(clean_href) {
                        Some(href) => {
                            out.push_str(&format!("<a href=\"{}\">", escape(&href)));
                            walk_children(node, out);
                            out.push_str("</a>");
                        }
                        None => walk_children(node, out),
                    },
                    PasteRule::Keep(tag) => {
                        out.push_str(&format!("<{tag}>"));
                        walk_children(node, out);
                        out.push_str(&format!("</{tag}>"));
                    }
                }
            }
            _ => {}
        }
    }

    fn saved_range() -> Option<web_sys::Range> {
        leptos::prelude::window().get_selection().ok().flatten().and_then(|s| s.get_range_at(0).ok())
    }

    fn restore_range(range: Option<web_sys::Range>) {
        if let (Some(range), Some(selection)) = (range, leptos::prelude::window().get_selection().ok().flatten()) {
            let _ = selection.remove_all_ranges();
            let _ = selection.add_range(&range);
        }
    }

    async fn upload(file: web_sys::File) -> Result<crate::model::Uploaded, String> {
        let failed = |_| "Không gửi được ảnh lên máy chủ.".to_string();
        let form = web_sys::FormData::new().map_err(|_| "Trình duyệt không hỗ trợ tải tệp.".to_string())?;
        form.append_with_blob("file", &file).map_err(|_| "Không đọc được tệp.".to_string())?;
        let response =
            gloo_net::http::Request::post("/api/upload").body(form).map_err(failed)?.send().await.map_err(failed)?;
        if response.ok() {
            response.json::<crate::model::Uploaded>().await.map_err(failed)
        } else {
            let error = response.json::<crate::error::ApiError>().await.unwrap_or(crate::error::ApiError::Server);
            Err(error.to_string())
        }
    }

    /// Asks for an image file and uploads it; `uploaded` gets the stored image, `report`
    /// what happened, in Vietnamese.
    /// Opens the browser's file picker for `accept`; `chosen` gets the file picked.
    fn choose_file(accept: &str, chosen: impl FnOnce(web_sys::File) + 'static) {
        use wasm_bindgen::closure::Closure;
        let Ok(element) = leptos::prelude::document().create_element("input") else { return };
        let input: web_sys::HtmlInputElement = element.unchecked_into();
        input.set_type("file");
        input.set_accept(accept);
        let picker = input.clone();
        let on_change = Closure::once_into_js(move || {
            if let Some(file) = picker.files().and_then(|files| files.get(0)) {
                chosen(file);
            }
        });
        input.set_onchange(Some(on_change.unchecked_ref()));
        input.click();
    }

    fn pick_and_upload(report: impl Fn(String) + 'static, uploaded: impl FnOnce(crate::model::Uploaded) + 'static) {
        choose_file("image/jpeg,image/png,image/gif,image/webp", move |file| {
            report("Đang tải ảnh lên…".to_string());
            leptos::task::spawn_local(async move {
                match upload(file).await {
                    Ok(image) => uploaded(image),
                    Err(message) => report(message),
                }
            });
        });
    }

    /// Asks for an image file, uploads it, asks for its description (alt text, required),
    /// and inserts it where the cursor was. `report` gets what happened, in Vietnamese.
    pub fn pick_and_insert_image(report: impl Fn(String) + Clone + 'static) {
        let range = saved_range();
        let told = report.clone();
        pick_and_upload(report, move |uploaded| {
            let alt = loop {
                match prompt("Mô tả ngắn nội dung ảnh (cho người không xem được ảnh):") {
                    None => {
                        told("Đã bỏ chèn ảnh.".to_string());
                        return;
                    }
                    Some(text) if !text.trim().is_empty() => break text.trim().to_string(),
                    // An empty description: ask again.
                    Some(_) => {}
                }
            };
            restore_range(range);
            exec(
                "insertHTML",
                Some(&format!(
                    "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\">",
                    escape(&uploaded.url),
                    escape(&alt),
                    uploaded.width,
                    uploaded.height
                )),
            );
            told("Đã chèn ảnh. Bấm Lưu để lưu bài.".to_string());
        });
    }

    /// Uploads the files chosen in a file input (the event is its `change`) to an album, one
    /// after the other; `report` tells how far it got, `done` runs when all were sent.
    pub fn upload_photos(
        ev: &web_sys::Event,
        album: String,
        report: impl Fn(String) + 'static,
        done: impl FnOnce() + 'static,
    ) {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let total = files.len();
            let mut sent = 0;
            for (i, file) in files.into_iter().enumerate() {
                report(format!("Đang tải ảnh {} / {total}…", i + 1));
                match send_photo(&album, &file).await {
                    Ok(_) => sent += 1,
                    Err(message) => report(format!("“{}”: {message}", file.name())),
                }
            }
            if sent == total {
                report(format!("Đã thêm {sent} ảnh vào album."));
            } else if sent > 0 {
                report(format!("Đã thêm {sent} / {total} ảnh; các ảnh còn lại không tải lên được."));
            }
            done();
        });
    }

    async fn send_photo(album: &str, file: &web_sys::File) -> Result<crate::photos::AddedPhoto, String> {
        let failed = |_| "Không gửi được ảnh lên máy chủ.".to_string();
        let form = web_sys::FormData::new().map_err(|_| "Trình duyệt không hỗ trợ tải tệp.".to_string())?;
        form.append_with_blob("file", file).map_err(|_| "Không đọc được tệp.".to_string())?;
        let address = format!("/api/albums/{album}/photos");
        let response =
            gloo_net::http::Request::post(&address).body(form).map_err(failed)?.send().await.map_err(failed)?;
        if response.ok() {
            response.json::<crate::photos::AddedPhoto>().await.map_err(failed)
        } else {
            let error = response.json::<crate::error::ApiError>().await.unwrap_or(crate::error::ApiError::Server);
            Err(error.to_string())
        }
    }

    /// Asks for a document (PDF or office file), uploads it and attaches it to a record;
    /// `done` gets the attached file.
    pub fn pick_document(
        kind: &'static str,
        slug: String,
        report: impl Fn(String) + 'static,
        done: impl FnOnce(crate::resolution::AttachedFile) + 'static,
    ) {
        choose_file(".pdf,.doc,.docx,.xls,.xlsx,.pptx,.odt,.ods", move |file| {
            report("Đang tải tệp lên…".to_string());
            leptos::task::spawn_local(async move {
                match send_document(kind, &slug, file).await {
                    Ok(attached) => {
                        report(format!("Đã đính kèm “{}”.", attached.name));
                        done(attached);
                    }
                    Err(message) => report(message),
                }
            });
        });
    }

    async fn send_document(
        kind: &str,
        slug: &str,
        file: web_sys::File,
    ) -> Result<crate::resolution::AttachedFile, String> {
        let failed = |_| "Không gửi được tệp lên máy chủ.".to_string();
        let form = web_sys::FormData::new().map_err(|_| "Trình duyệt không hỗ trợ tải tệp.".to_string())?;
        form.append_with_str("kind", kind).map_err(|_| "Không đọc được tệp.".to_string())?;
        form.append_with_str("slug", slug).map_err(|_| "Không đọc được tệp.".to_string())?;
        form.append_with_blob_and_filename("file", &file, &file.name())
            .map_err(|_| "Không đọc được tệp.".to_string())?;
        let response =
            gloo_net::http::Request::post("/api/attach").body(form).map_err(failed)?.send().await.map_err(failed)?;
        if response.ok() {
            response.json::<crate::resolution::AttachedFile>().await.map_err(failed)
        } else {
            let error = response.json::<crate::error::ApiError>().await.unwrap_or(crate::error::ApiError::Server);
            Err(error.to_string())
        }
    }

    /// Asks for an image file and uploads it; `done` gets its address.
    pub fn pick_image(report: impl Fn(String) + Clone + 'static, done: impl FnOnce(String) + 'static) {
        let told = report.clone();
        pick_and_upload(report, move |uploaded| {
            done(uploaded.url);
            told("Đã tải ảnh lên. Bấm Lưu để lưu.".to_string());
        });
    }

    fn storage() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }

    pub fn backup_save(key: &str, value: &str) {
        if let Some(s) = storage() {
            let _ = s.set_item(key, value);
        }
    }

    pub fn backup_load(key: &str) -> Option<String> {
        storage().and_then(|s| s.get_item(key).ok().flatten())
    }

    pub fn backup_clear(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    /// While `dirty()` holds: reloading or closing the tab asks first, and so does following a
    /// link inside the site (checked before the router sees the click). Removed on cleanup.
    pub fn guard_unsaved(dirty: impl Fn() -> bool + Clone + 'static) {
        use wasm_bindgen::closure::Closure;
        let window = leptos::prelude::window();
        let d1 = dirty.clone();
        let before_unload =
            Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(move |ev: web_sys::BeforeUnloadEvent| {
                if d1() {
                    ev.prevent_default();
                    ev.set_return_value("");
                }
            });
        let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            if !dirty() {
                return;
            }
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten());
            if link.is_some() && !confirm("Bạn có thay đổi chưa lưu. Rời khỏi trang này?") {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            }
        });
        let _ = window.add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
        let cleanup = send_wrapper::SendWrapper::new((before_unload, on_click));
        leptos::prelude::on_cleanup(move || {
            let (before_unload, on_click) = cleanup.take();
            let window = leptos::prelude::window();
            let _ = window.remove_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
            let _ =
                window.remove_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
        });
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    pub fn exec(_command: &str, _value: Option<&str>) {}
    pub fn confirm(_message: &str) -> bool {
        true
    }
    pub fn prompt(_message: &str) -> Option<String> {
        None
    }
    pub fn paste_rich(_ev: &leptos::ev::ClipboardEvent) {}
    pub fn paste_plain(_ev: &leptos::ev::ClipboardEvent) {}
    pub fn backup_save(_key: &str, _value: &str) {}
    pub fn backup_load(_key: &str) -> Option<String> {
        None
    }
    pub fn backup_clear(_key: &str) {}
    pub fn pick_and_insert_image(_report: impl Fn(String) + Clone + 'static) {}
    pub fn pick_image(_report: impl Fn(String) + Clone + 'static, _done: impl FnOnce(String) + 'static) {}
    pub fn upload_photos(
        _ev: &leptos::ev::Event,
        _album: String,
        _report: impl Fn(String) + 'static,
        _done: impl FnOnce() + 'static,
    ) {
    }
    pub fn pick_document(
        _kind: &'static str,
        _slug: String,
        _report: impl Fn(String) + 'static,
        _done: impl FnOnce(crate::resolution::AttachedFile) + 'static,
    ) {
    }
    pub fn guard_unsaved(_dirty: impl Fn() -> bool + Clone + 'static) {}
}

pub use imp::*;
