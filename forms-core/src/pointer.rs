//! JSON Pointers (RFC 6901) into submission data: `/operations/0/register`.

use serde_json::Value;

/// The value at `pointer` in `data` (`""` is the whole), if there is one.
pub fn get<'a>(data: &'a Value, pointer: &str) -> Option<&'a Value> {
    data.pointer(pointer)
}

/// The first segment of a pointer: the top-level key it starts at (`operations` for
/// `/operations/0/register`).
pub fn top_key(pointer: &str) -> Option<&str> {
    pointer.strip_prefix('/')?.split('/').next()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pointers_reach_into_rows() {
        let data = json!({"ops": [{"register": "NRA"}]});
        assert_eq!(get(&data, "/ops/0/register"), Some(&json!("NRA")));
        assert_eq!(get(&data, "/ops/1/register"), None);
        assert_eq!(get(&data, ""), Some(&data));
        assert_eq!(top_key("/ops/0/register"), Some("ops"));
        assert_eq!(top_key(""), None);
    }
}
