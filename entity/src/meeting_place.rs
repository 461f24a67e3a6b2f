//! A public meeting place (ontmoetingsplek).

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_place")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub kind: MeetingPlaceKind,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub city: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub wijk_id: Uuid,
    pub operator_organisation_id: Option<Uuid>,
    pub management: Management,
    pub opening_hours_per_week: Option<i32>,
    pub capacity: Option<i32>,
    pub wheelchair_accessible: bool,
    pub lift: bool,
    pub adapted_toilet: bool,
    pub hearing_loop: bool,
    pub low_stimulus: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::live::soft_deleted!();
