//! Page names and anchors derived from ids: readable, injective, and always
//! a safe relative path whatever the id holds.

/// `id` with every byte outside `[a-z0-9-]` written as `_xx` (hex), so
/// different ids give different names and a name never leaves its folder
/// ([`peertrail_core::page_name`], which the Excel tracker's links use too).
pub fn encode(id: &str) -> String {
    peertrail_core::page_name(id)
}

/// The page of a council, relative to the report folder.
pub fn council_page(council: &str) -> String {
    format!("councils/{}.html", encode(council))
}

/// The place of a review on its council's page.
pub fn review_href(council: &str, review: &str) -> String {
    format!("{}#{}", council_page(council), encode(review))
}

/// The page of a recommendation, relative to the report folder.
pub fn recommendation_page(rec: &str) -> String {
    format!("recommendations/{}.html", encode(rec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_safe_and_distinct() {
        assert_eq!(
            recommendation_page("corrington/2019-09-cpc#r2"),
            "recommendations/corrington_2f2019-09-cpc_23r2.html"
        );
        assert_ne!(encode("a/b"), encode("a_2fb"));
        for id in ["../../etc", ".x", "", "a\\b", "é"] {
            let e = encode(id);
            assert!(!e.starts_with('.') && !e.contains(['/', '\\', '.']), "{e}");
        }
        let long = "x".repeat(400);
        assert!(encode(&long).len() < 130);
        assert_ne!(encode(&long), encode(&"x".repeat(401)));
    }
}
