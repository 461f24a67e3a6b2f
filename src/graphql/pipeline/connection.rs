//! Relay cursor connections, one concrete type per node type so each has its own name and
//! descriptions in the schema.

use async_graphql::SimpleObject;

/// Where a page sits in the whole list.
#[derive(SimpleObject, Debug, Clone)]
pub struct PageInfo {
    /// Whether more items follow this page.
    pub has_next_page: bool,
    /// Whether items precede this page (forward paging only answers for the first page).
    pub has_previous_page: bool,
    /// The cursor of the first item of this page.
    pub start_cursor: Option<String>,
    /// The cursor of the last item of this page: pass it as `after` for the next page.
    pub end_cursor: Option<String>,
}

/// Declares `$conn` and `$edge` for node type `$node` built from rows of `$entity`.
macro_rules! connection {
    ($conn:ident, $edge:ident, $node:ident, $entity:path, $what:literal) => {
        connection!(
            $conn,
            $edge,
            $node,
            $entity,
            $what,
            prime = $crate::graphql::pipeline::connection::no_prime
        );
    };
    ($conn:ident, $edge:ident, $node:ident, $entity:path, $what:literal, prime = $prime:path) => {
        #[doc = concat!("A page of ", $what, ", keyset-paginated with `first` and `after`.")]
        pub struct $conn {
            listing: $crate::service::Listing<$entity>,
            after_given: bool,
        }

        impl $conn {
            pub fn new(listing: $crate::service::Listing<$entity>, after_given: bool) -> Self {
                Self {
                    listing,
                    after_given,
                }
            }

            /// The page `first`/`after` asks for, of the list `list` reads: the arguments
            /// checked first, and whether `after` was given kept for `hasPreviousPage`.
            pub async fn page(
                first: Option<i32>,
                after: Option<String>,
                list: impl AsyncFnOnce(
                    &$crate::service::page::PageArgs,
                )
                    -> $crate::error::ApiResult<$crate::service::Listing<$entity>>,
            ) -> $crate::graphql::pipeline::error::GqlResult<Self> {
                let after_given = after.is_some();
                let page = $crate::service::page::PageArgs::new(first, after)?;
                Ok(Self::new(list(&page).await?, after_given))
            }
        }

        #[doc = concat!("One of ", $what, " with its cursor.")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $edge {
            /// Pass as `after` to continue after this item.
            pub cursor: String,
            /// The item.
            pub node: $node,
        }

        #[doc = concat!("A page of ", $what, ", keyset-paginated with `first` and `after`.")]
        #[async_graphql::Object]
        impl $conn {
            /// The items of this page with their cursors.
            async fn edges(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> $crate::graphql::pipeline::error::GqlResult<Vec<$edge>> {
                $prime(
                    ctx,
                    ctx.look_ahead().field("node"),
                    &self.listing.page.items,
                )
                .await?;
                Ok(self
                    .listing
                    .page
                    .items
                    .iter()
                    .map(|(cursor, row)| $edge {
                        cursor: cursor.clone(),
                        node: $node::from(row.clone()),
                    })
                    .collect())
            }

            /// The items of this page.
            async fn nodes(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> $crate::graphql::pipeline::error::GqlResult<Vec<$node>> {
                $prime(ctx, ctx.look_ahead(), &self.listing.page.items).await?;
                Ok(self
                    .listing
                    .page
                    .items
                    .iter()
                    .map(|(_, row)| $node::from(row.clone()))
                    .collect())
            }

            /// Where this page sits in the whole list.
            async fn page_info(&self) -> $crate::graphql::pipeline::connection::PageInfo {
                let page = &self.listing.page;
                $crate::graphql::pipeline::connection::PageInfo {
                    has_next_page: page.has_next_page,
                    has_previous_page: self.after_given,
                    start_cursor: page.items.first().map(|(cursor, _)| cursor.clone()),
                    end_cursor: page.end_cursor(),
                }
            }

            /// How many items the whole list holds (all pages), counting only what you may read.
            async fn total_count(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> $crate::graphql::pipeline::error::GqlResult<i64> {
                use sea_orm::PaginatorTrait;
                let db = &$crate::graphql::pipeline::context::request(ctx).db;
                let count = self.listing.count.clone().count(db).await?;
                Ok(i64::try_from(count).unwrap_or(i64::MAX))
            }
        }
    };
}

pub(crate) use connection;

/// For connections whose nodes need no batched loads up front.
pub async fn no_prime<M>(
    _ctx: &async_graphql::Context<'_>,
    _selection: async_graphql::Lookahead<'_>,
    _items: &[(String, M)],
) -> crate::graphql::pipeline::error::GqlResult<()> {
    Ok(())
}
