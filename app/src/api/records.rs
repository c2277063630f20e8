//! The council's records: resolutions.

use crate::error::ApiError;
use crate::resolution::{Filter, ResolutionDetail, ResolutionList};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "resolutions", input = Json)]
pub async fn list_resolutions(filter: Filter) -> Result<ResolutionList, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::resolutions::list(&pool, &filter).await)
}

#[server(prefix = "/api", endpoint = "resolution")]
pub async fn get_resolution(slug: String) -> Result<ResolutionDetail, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::resolutions::detail(&pool, &slug).await)
}
