//! A JSON-schema check of the keywords assets/openapi.yaml uses, and only
//! those: `type`, `properties`, `required`, `items`, `$ref` (local),
//! `oneOf`, `anyOf`, `not`, `const`, and `pattern` of the one shape the
//! contract writes (`^[^CHARS]*$` or `+$`). Annotations (`description`,
//! `format`, `example`...) are not checked, as in draft 2020-12. A schema
//! holding any other keyword is refused, so the contract cannot grow a rule
//! this check would pass over in silence.
//!
//! Written here rather than taken from `jsonschema`: that crate and its
//! regex engines were the longest unit of the suite's build (about 70 s of
//! a newcomer's `cargo test`; BENCHMARKS.md), for a dozen keywords.

use serde_json::Value;

/// Keywords that only annotate: nothing to check.
const ANNOTATIONS: [&str; 8] = ["description", "format", "example", "examples", "title", "summary", "deprecated", "default"];

/// Whether `instance` is valid against `schema`, whose `$ref`s point into
/// `root` (`#/components/...`). `Err`: where and why not (the first reason),
/// or a keyword this check does not know.
pub fn validate(root: &Value, schema: &Value, instance: &Value) -> Result<(), String> {
    check(root, schema, instance, "", 0)
}

fn check(root: &Value, schema: &Value, instance: &Value, at: &str, depth: usize) -> Result<(), String> {
    // A `$ref` loop in the contract would recurse for ever.
    if depth > 64 {
        return Err(format!("{at}: $refs nested past 64: a loop in the contract?"));
    }
    let here = |why: String| Err(format!("{}: {why}", if at.is_empty() { "/" } else { at }));
    let schema = match schema {
        Value::Bool(true) => return Ok(()),
        Value::Bool(false) => return here("the schema is false".into()),
        Value::Object(schema) => schema,
        other => return here(format!("not a schema: {other}")),
    };
    for (keyword, value) in schema {
        match keyword.as_str() {
            "$ref" => {
                let target = value.as_str().and_then(|r| r.strip_prefix('#')).and_then(|p| root.pointer(p));
                let Some(target) = target else { return here(format!("$ref {value} is not in the contract")) };
                check(root, target, instance, at, depth + 1)?;
            }
            "type" => {
                let names: Vec<&str> = match value {
                    Value::String(one) => vec![one.as_str()],
                    Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                    _ => return here(format!("type {value} is neither a name nor a list")),
                };
                if !names.iter().any(|name| is_type(instance, name)) {
                    return here(format!("{} is not of type {value}", kind(instance)));
                }
            }
            "properties" => {
                let (Some(properties), Some(object)) = (value.as_object(), instance.as_object()) else { continue };
                for (name, sub) in properties {
                    if let Some(v) = object.get(name) {
                        check(root, sub, v, &format!("{at}/{name}"), depth)?;
                    }
                }
            }
            "required" => {
                let Some(object) = instance.as_object() else { continue };
                for name in value.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !object.contains_key(name) {
                        return here(format!("{name:?} is required"));
                    }
                }
            }
            "items" => {
                for (i, item) in instance.as_array().into_iter().flatten().enumerate() {
                    check(root, value, item, &format!("{at}/{i}"), depth)?;
                }
            }
            "oneOf" | "anyOf" => {
                let subs = value.as_array().map_or(&[][..], Vec::as_slice);
                let passed = subs.iter().filter(|sub| check(root, sub, instance, at, depth + 1).is_ok()).count();
                match (keyword.as_str(), passed) {
                    ("oneOf", 1) => {}
                    ("anyOf", 1..) => {}
                    _ => return here(format!("{keyword}: {passed} of {} alternatives match", subs.len())),
                }
            }
            "not" => {
                if check(root, value, instance, at, depth + 1).is_ok() {
                    return here(format!("matches what `not` forbids: {value}"));
                }
            }
            "const" => {
                if instance != value {
                    return here(format!("{instance} is not {value}"));
                }
            }
            "pattern" => {
                let Some(text) = instance.as_str() else { continue };
                let Some((refused, at_least_one)) = value.as_str().and_then(negated_class) else {
                    return here(format!("pattern {value} is not of the shape ^[^CHARS]*$ this check reads"));
                };
                if text.chars().any(|c| refused.contains(&c)) || (at_least_one && text.is_empty()) {
                    return here(format!("{text:?} does not match {value}"));
                }
            }
            other if ANNOTATIONS.contains(&other) => {}
            other => return here(format!("the keyword {other:?} is not checked by tests/app/schema.rs: add it there")),
        }
    }
    Ok(())
}

/// Draft 2020-12's types: an integer is a number with no fraction.
fn is_type(instance: &Value, name: &str) -> bool {
    match name {
        "null" => instance.is_null(),
        "boolean" => instance.is_boolean(),
        "string" => instance.is_string(),
        "array" => instance.is_array(),
        "object" => instance.is_object(),
        "number" => instance.is_number(),
        "integer" => instance.is_i64() || instance.is_u64() || instance.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => false,
    }
}

fn kind(instance: &Value) -> &'static str {
    match instance {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `^[^CHARS]*$` (or `+$`): the characters refused, and whether one
/// character at least is needed. CHARS are literal, or `\xNN`.
fn negated_class(pattern: &str) -> Option<(Vec<char>, bool)> {
    let rest = pattern.strip_prefix("^[^")?;
    let (class, tail) = rest.split_once(']')?;
    let at_least_one = match tail {
        "*$" => false,
        "+$" => true,
        _ => return None,
    };
    let mut refused = Vec::new();
    let mut chars = class.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'x' => {
                    let hex: String = chars.by_ref().take(2).collect();
                    refused.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                escaped @ ('\\' | ']' | '-' | '^' | '/' | '.') => refused.push(escaped),
                _ => return None,
            },
            // A range (`a-z`) is not read here.
            '-' => return None,
            c => refused.push(c),
        }
    }
    Some((refused, at_least_one))
}

/// What the check must take and refuse, case by case (draft 2020-12's
/// rules for these keywords), and the keywords it must refuse to read.
#[test]
fn the_schema_check_takes_and_refuses_what_draft_2020_12_says() {
    use serde_json::json;
    let root = json!({"components": {"schemas": {"Id": {"type": "string"}, "Page": {"type": "object", "required": ["results"],
        "properties": {"results": {"type": "array", "items": {"$ref": "#/components/schemas/Id"}}}}}}});
    let cases = [
        // (schema, instance, valid)
        (json!({"type": "string"}), json!("a"), true),
        (json!({"type": "string"}), json!(1), false),
        (json!({"type": ["string", "null"]}), json!(null), true),
        (json!({"type": ["string", "null"]}), json!(false), false),
        (json!({"type": "integer"}), json!(3), true),
        (json!({"type": "integer"}), json!(3.0), true),
        (json!({"type": "integer"}), json!(3.5), false),
        (json!({"type": "number"}), json!(3.5), true),
        (json!({"type": "object"}), json!([]), false),
        (json!({"type": "array"}), json!({}), false),
        (json!({"type": "boolean"}), json!(0), false),
        (json!({"required": ["id"]}), json!({"id": 1}), true),
        (json!({"required": ["id"]}), json!({"name": 1}), false),
        (json!({"required": ["id"]}), json!("not an object: required says nothing"), true),
        (json!({"properties": {"id": {"type": "string"}}}), json!({"id": 1}), false),
        (json!({"properties": {"id": {"type": "string"}}}), json!({"other": 1}), true),
        (json!({"items": {"type": "integer"}}), json!([1, 2, "3"]), false),
        (json!({"items": {"type": "integer"}}), json!([1, 2, 3]), true),
        (json!({"$ref": "#/components/schemas/Page"}), json!({"results": ["a", "b"]}), true),
        (json!({"$ref": "#/components/schemas/Page"}), json!({"results": ["a", 2]}), false),
        (json!({"$ref": "#/components/schemas/Page"}), json!({"count": 2}), false),
        (json!({"$ref": "#/components/schemas/Missing"}), json!({}), false),
        (json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}), json!(1), true),
        (json!({"oneOf": [{"type": "number"}, {"type": "integer"}]}), json!(1), false),
        (json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}), json!(null), false),
        (json!({"anyOf": [{"type": "number"}, {"type": "integer"}]}), json!(1), true),
        (json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}), json!([]), false),
        (json!({"not": {"required": ["first_name"]}}), json!({"name": "a"}), true),
        (json!({"not": {"required": ["first_name"]}}), json!({"first_name": "a"}), false),
        (json!({"const": "bearer"}), json!("bearer"), true),
        (json!({"const": "bearer"}), json!("Bearer"), false),
        (json!({"type": "string", "pattern": "^[^\\x00]*$"}), json!("ana, perez"), true),
        (json!({"type": "string", "pattern": "^[^\\x00]*$"}), json!(""), true),
        (json!({"type": "string", "pattern": "^[^\\x00]*$"}), json!("ana\u{0}"), false),
        (json!({"type": "string", "pattern": "^[^/.]+$"}), json!("cus_1"), true),
        (json!({"type": "string", "pattern": "^[^/.]+$"}), json!(""), false),
        (json!({"type": "string", "pattern": "^[^/.]+$"}), json!("a/b"), false),
        (json!({"type": "string", "pattern": "^[^/.]+$"}), json!("a.b"), false),
        (json!({"description": "an annotation", "format": "email"}), json!("not an email: format only annotates"), true),
        (json!(true), json!(1), true),
        (json!(false), json!(1), false),
    ];
    for (schema, instance, valid) in cases {
        assert_eq!(validate(&root, &schema, &instance).is_ok(), valid, "{schema} against {instance}");
    }
    // A keyword (or a pattern) it does not read is refused, not passed over.
    for schema in [json!({"maxLength": 3}), json!({"enum": ["a"]}), json!({"additionalProperties": false}), json!({"pattern": "^[a-z]+$"})]
    {
        let said = validate(&root, &schema, &json!("a")).expect_err("refused");
        assert!(said.contains("not checked") || said.contains("not of the shape"), "{schema}: {said}");
    }
}
