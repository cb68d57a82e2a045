//! The published definition versions, as every request sees them: the rows of `form_versions`
//! (shared by every replica), compiled once per process and kept by content hash.
//!
//! Which version is a form's current one is asked of the database on each request, so a
//! version published or retired through one replica is served by all of them at once; the
//! compiled form behind a hash never changes, so it is compiled only the first time.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use forms_core::CompiledForm;

use crate::registry::FormRegistry;
use crate::store::{NewVersion, Store, StoredVersion};

/// The published versions of every form.
#[derive(Debug)]
pub struct Catalog {
    store: Store,
    compiled: RwLock<HashMap<String, Arc<CompiledForm>>>,
}

/// One version, with what the database knows of it.
#[derive(Debug, Clone)]
pub struct Version {
    /// The compiled definition.
    pub form: Arc<CompiledForm>,
    /// Its row: who published it, when, whether it is retired.
    pub stored: StoredVersion,
}

impl Version {
    /// Whether new submissions may no longer be made against it.
    pub fn is_retired(&self) -> bool {
        self.stored.retired_at.is_some()
    }
}

/// A stored definition that no longer reads or compiles (the format changed under it).
fn unreadable(hash: &str, e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(format!("form version {hash}: {e}").into())
}

impl Catalog {
    /// The catalog of the database behind `store`.
    pub fn new(store: Store) -> Self {
        Catalog {
            store,
            compiled: RwLock::new(HashMap::new()),
        }
    }

    /// Publishes every definition of the definitions directory not published before; returns
    /// how many were new. Replicas starting together publish each hash once.
    pub async fn publish_files(&self, registry: &FormRegistry) -> Result<usize, sqlx::Error> {
        let mut new = 0;
        for (file, form) in registry.files() {
            if self.publish(form.clone(), &format!("file:{file}")).await? {
                new += 1;
            }
        }
        Ok(new)
    }

    /// Publishes a checked, compiled definition: it becomes its form's current version.
    /// `false` when the same text was published before (it is then left as it is).
    pub async fn publish(&self, form: Arc<CompiledForm>, by: &str) -> Result<bool, sqlx::Error> {
        let definition = form.definition();
        let hash = form.content_hash().to_owned();
        let inserted = self
            .store
            .insert_version(&NewVersion {
                hash: &hash,
                form_id: &definition.id,
                version: &definition.version,
                provider_eik: definition
                    .service
                    .as_ref()
                    .and_then(|s| s.provider_eik.as_deref()),
                definition: &forms_core::canonical_json(definition),
                published_by: by,
            })
            .await?;
        self.write().entry(hash).or_insert(form);
        Ok(inserted)
    }

    /// The current version of form `id`, if it has one.
    pub async fn current(&self, id: &str) -> Result<Option<Arc<CompiledForm>>, sqlx::Error> {
        match self.store.current_version_hash(id).await? {
            Some(hash) => self.compiled(&hash).await,
            None => Ok(None),
        }
    }

    /// Every form's current version, ordered by form id.
    pub async fn current_all(&self) -> Result<Vec<Arc<CompiledForm>>, sqlx::Error> {
        let mut forms = Vec::new();
        for hash in self.store.current_version_hashes().await? {
            forms.extend(self.compiled(&hash).await?);
        }
        Ok(forms)
    }

    /// The version with this content hash, retired or not.
    pub async fn version(&self, hash: &str) -> Result<Option<Version>, sqlx::Error> {
        let Some(stored) = self.store.version(hash).await? else {
            return Ok(None);
        };
        let form = self.compile(&stored)?;
        Ok(Some(Version { form, stored }))
    }

    /// The compiled form of the version with this hash, from memory or else from its row.
    async fn compiled(&self, hash: &str) -> Result<Option<Arc<CompiledForm>>, sqlx::Error> {
        if let Some(form) = self.read().get(hash) {
            return Ok(Some(form.clone()));
        }
        match self.store.version(hash).await? {
            Some(stored) => self.compile(&stored).map(Some),
            None => Ok(None),
        }
    }

    fn compile(&self, stored: &StoredVersion) -> Result<Arc<CompiledForm>, sqlx::Error> {
        if let Some(form) = self.read().get(&stored.hash) {
            return Ok(form.clone());
        }
        let definition: forms_core::Definition =
            serde_json::from_str(&stored.definition).map_err(|e| unreadable(&stored.hash, e))?;
        let form = forms_core::compile(definition).map_err(|e| unreadable(&stored.hash, e))?;
        if form.content_hash() != stored.hash {
            // Kept under the hash it was published with: submissions are pinned to that one.
            tracing::warn!(
                hash = %stored.hash,
                now = %form.content_hash(),
                "a published definition hashes differently with this forms-core"
            );
        }
        let form = Arc::new(form);
        self.write()
            .entry(stored.hash.clone())
            .or_insert(form.clone());
        Ok(form)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Arc<CompiledForm>>> {
        // A panic while holding the lock cannot leave the map half-written (inserts are single
        // calls), so a poisoned lock is still sound to use.
        self.compiled.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Arc<CompiledForm>>> {
        self.compiled.write().unwrap_or_else(|e| e.into_inner())
    }
}
