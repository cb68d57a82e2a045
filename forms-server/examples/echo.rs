//! The machine's ceiling for `bench/load.sh`: the smallest axum server that reads a JSON body
//! and answers it back, on the same runtime and HTTP stack as `forms serve`, with nothing else
//! (no validation, no database, no middleware).
//!
//! `cargo run --release -p forms-server --example echo -- 127.0.0.1:8099`

use axum::{Json, Router, routing::post};
use serde_json::Value;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8099".into());
    let app = Router::new().route(
        "/echo",
        post(|Json(body): Json<Value>| async { Json(body) }),
    );
    let listener = tokio::net::TcpListener::bind(&address).await?;
    axum::serve(listener, app).await
}
