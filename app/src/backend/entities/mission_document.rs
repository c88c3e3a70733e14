use sea_orm::entity::prelude::*;

/// A mission's details document (a PDF of at most 5 MB), the current one of
/// its mission (`missions.details_document_id`). Only the download reads
/// `bytes`; mission lists never touch this table.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "mission_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub mission_id: i32,
    /// Base64 in exports (a JSON array of numbers would be four times larger).
    #[sea_orm(column_type = "Blob")]
    #[serde(with = "base64_bytes")]
    pub bytes: Vec<u8>,
    pub size: i32,
    pub created_at: DateTimeUtc,
}

/// Without the bytes: a log or a failed assertion never prints megabytes.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("id", &self.id)
            .field("mission_id", &self.mission_id)
            .field("size", &self.size)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::mission::Entity",
        from = "Column::MissionId",
        to = "super::mission::Column::Id",
        on_delete = "Cascade"
    )]
    Mission,
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

mod base64_bytes {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_travel_as_base64_and_come_back_whole() {
        let doc = Model {
            id: 3,
            mission_id: 7,
            bytes: (0..=255u8).chain(*b"%PDF-1.7\n%%EOF\n").collect(),
            size: 271,
            created_at: chrono::Utc::now(),
        };
        let json = serde_json::to_value(&doc).unwrap();
        assert!(json["bytes"].as_str().unwrap().starts_with("AAECAwQF"));
        let back: Model = serde_json::from_value(json).unwrap();
        assert_eq!(back, doc);
        let bad = serde_json::json!({"id":1,"mission_id":1,"bytes":"pas du base64 !","size":1,
            "created_at":"2026-12-05T10:00:00Z"});
        assert!(serde_json::from_value::<Model>(bad).is_err());
    }
}
