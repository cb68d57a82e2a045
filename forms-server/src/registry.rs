//! The definitions directory, read at start-up: every file checked, compiled, and then
//! published into the [`crate::catalog::Catalog`] when its text is new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use forms_core::lint::Diagnostic;
use forms_core::{CompiledForm, Definition, DefinitionError};

/// Why the definitions could not be loaded. The server refuses to start rather than skip a file.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The directory or a file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The directory or file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file has lint findings: it cannot be served.
    #[error("{}", diagnostics.iter().map(|d| format!("{}: {d}", path.display())).collect::<Vec<_>>().join("\n"))]
    Lint {
        /// The file.
        path: PathBuf,
        /// Every finding.
        diagnostics: Vec<Diagnostic>,
    },
    /// A file is not a valid definition.
    #[error("{}: {source}", path.display())]
    Definition {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: DefinitionError,
    },
    /// Two files define the same form id.
    #[error("{}: form id {id:?} is already defined by {}", path.display(), first.display())]
    Duplicate {
        /// The second file.
        path: PathBuf,
        /// The first file.
        first: PathBuf,
        /// The form id.
        id: String,
    },
}

/// The forms this server offers, by id.
#[derive(Debug, Default)]
pub struct FormRegistry {
    forms: BTreeMap<String, (PathBuf, Arc<CompiledForm>)>,
}

impl FormRegistry {
    /// Loads every `*.json` file directly inside `dir` (sub-directories such as `examples/` and
    /// `schema/` are not definitions).
    pub fn load_dir(dir: &Path) -> Result<Self, RegistryError> {
        let read_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| RegistryError::Read { path, source }
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_err(dir))? {
            let path = entry.map_err(read_err(dir))?.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
        files.sort();
        let mut registry = FormRegistry::default();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(read_err(&path))?;
            let (definition, diagnostics) = crate::check::check_text(&text);
            let definition = match definition {
                Some(definition) if diagnostics.is_empty() => definition,
                _ => return Err(RegistryError::Lint { path, diagnostics }),
            };
            registry.insert(path, definition)?;
        }
        Ok(registry)
    }

    /// Adds a definition read from `path`.
    pub fn insert(&mut self, path: PathBuf, definition: Definition) -> Result<(), RegistryError> {
        if let Some((first, _)) = self.forms.get(&definition.id) {
            return Err(RegistryError::Duplicate {
                path,
                first: first.clone(),
                id: definition.id,
            });
        }
        let id = definition.id.clone();
        let form = forms_core::compile(definition).map_err(|source| RegistryError::Definition {
            path: path.clone(),
            source,
        })?;
        self.forms.insert(id, (path, Arc::new(form)));
        Ok(())
    }

    /// The form with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<CompiledForm>> {
        self.forms.get(id).map(|(_, d)| d)
    }

    /// Each form with the name of its file, ordered by form id.
    pub fn files(&self) -> impl Iterator<Item = (String, &Arc<CompiledForm>)> {
        self.forms.values().map(|(path, form)| {
            let name = path.file_name().unwrap_or(path.as_os_str());
            (name.to_string_lossy().into_owned(), form)
        })
    }

    /// All forms, ordered by id.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<CompiledForm>> {
        self.forms.values().map(|(_, d)| d)
    }

    /// How many forms there are.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_is_named_and_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("broken.json"), "{\"format\": 1,").expect("write");
        let err = FormRegistry::load_dir(dir.path()).expect_err("must refuse");
        let message = err.to_string();
        assert!(message.contains("broken.json"), "{message}");
        assert!(matches!(err, RegistryError::Lint { .. }));
    }

    #[test]
    fn the_bundled_definitions_load() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../form-definitions");
        let registry = FormRegistry::load_dir(&dir).expect("bundled definitions are valid");
        assert!(!registry.is_empty());
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        let err = FormRegistry::load_dir(Path::new("/nonexistent/forms")).expect_err("missing");
        assert!(err.to_string().contains("/nonexistent/forms"));
    }
}
