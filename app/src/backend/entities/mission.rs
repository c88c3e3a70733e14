use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "missions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub administration_id: i32,
    pub service: String,
    pub nature: String,
    pub description: String,
    pub skills_text: String,
    pub deliverables: Option<String>,
    pub learning: Option<String>,
    pub effort_text: String,
    pub effort_days: Option<i32>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub deadline: Option<Date>,
    pub location: String,
    pub mode: String,
    pub places: i32,
    pub details_pdf_label: String,
    /// A file of the former upload directory (before documents moved into
    /// the database), until `talents import-files` moves it into
    /// `mission_documents`; cleared by every change of the document.
    pub details_pdf_file: Option<String>,
    /// The current details document (`mission_documents.id`), if any.
    pub details_document_id: Option<i32>,
    pub status: String,
    /// Bumped on every change of the sheet (optimistic concurrency).
    pub version: i32,
    /// Title, administration, service, skills and description, folded for search.
    pub search_text: String,
    /// The stems of `search_text` (`backend::search::stems`), matched on SQLite.
    pub search_stems: String,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::administration::Entity",
        from = "Column::AdministrationId",
        to = "super::administration::Column::Id"
    )]
    Administration,
}

impl Related<super::administration::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Administration.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
