//! URL slugs: Vietnamese folded to ASCII ("Đề án" → "de-an").

/// Lower-case ASCII words joined by hyphens. `slug` transliterates through `deunicode`,
/// which maps đ/Đ to d (plain Unicode decomposition would leave them alone).
pub fn slugify(text: &str) -> String {
    let s = slug::slugify(text);
    if s.is_empty() {
        "bai-viet".to_string()
    } else {
        s
    }
}

/// `base`, then `base-2`, `base-3`…: the slugs to try, in order, for something new.
pub fn candidates(base: &str) -> impl Iterator<Item = String> + '_ {
    std::iter::once(base.to_string()).chain((2..).map(move |n| format!("{base}-{n}")))
}

/// The first of `candidates(base)` that `taken` does not already hold.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    candidates(base).find(|candidate| !taken(candidate)).unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_including_d_stroke() {
        assert_eq!(slugify("Đề án"), "de-an");
        assert_eq!(slugify("ĐOÀN ĐBQH"), "doan-dbqh");
        assert_eq!(slugify("Dầu Tiếng và Bàu Bàng"), "dau-tieng-va-bau-bang");
        assert_eq!(
            slugify("Triển khai Đề án xây dựng Thành phố thông minh: Khẳng định thương hiệu, vị thế Bình Dương"),
            "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong"
        );
    }

    #[test]
    fn folds_decomposed_input_the_same_way() {
        let decomposed = "Nghi\u{0323} quyê\u{0301}t";
        assert_eq!(slugify(decomposed), "nghi-quyet");
    }

    #[test]
    fn punctuation_only_titles_still_get_a_slug() {
        assert_eq!(slugify("—!?"), "bai-viet");
    }

    #[test]
    fn unique_appends_a_counter() {
        let taken = ["de-an", "de-an-2"];
        assert_eq!(unique("de-an", |s| taken.contains(&s)), "de-an-3");
        assert_eq!(unique("khac", |s| taken.contains(&s)), "khac");
    }
}
