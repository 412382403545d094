-- PostgreSQL translation of Schema/0003_blobs_assets_filters.sql; keep the two in step.
-- Blobs (content-addressed files in the blob store), content assets and filters (gallery and custom).
-- Times are Unix seconds (UTC).

-- One row per stored blob. Rows are inserted in the same transaction as the first row that
-- references them; the sweeper deletes a blob (row and file) once nothing references it and its
-- grace period has passed.
CREATE TABLE blobs (
    sha256      text PRIMARY KEY CHECK (length(sha256) = 64),   -- lowercase hex, the file's name
    size        bigint NOT NULL CHECK (size >= 0),
    created_at  bigint NOT NULL
);

-- Uploaded content (images and videos to stylize). expires_at = created_at + the plan's
-- retention. deleted_at marks an asset deleted (or expired) while a job still pins it: the row
-- and its blob stay until no live pin remains.
CREATE TABLE assets (
    id          text PRIMARY KEY,                       -- ast_…
    account_id  text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('image', 'video')),
    media_type  text NOT NULL,                          -- detected from the content: image/jpeg, video/mp4, …
    name        text,                                   -- the client's file name, for display only
    width       bigint NOT NULL CHECK (width > 0),      -- as displayed (EXIF orientation / rotation applied)
    height      bigint NOT NULL CHECK (height > 0),
    frames      bigint NOT NULL CHECK (frames > 0),     -- 1 for images
    duration_s  double precision,                       -- videos only
    bytes       bigint NOT NULL CHECK (bytes > 0),
    sha256      text NOT NULL REFERENCES blobs(sha256),
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    deleted_at  bigint
);
CREATE INDEX assets_account ON assets(account_id, created_at, id);
CREATE INDEX assets_expiry ON assets(expires_at);
CREATE INDEX assets_blob ON assets(sha256);

-- Filters: gallery filters have no account (visible to all), custom ones belong to one account.
-- The style image is kept so a style code for a model installed later can still be computed.
CREATE TABLE filters (
    id                text PRIMARY KEY,                 -- flt_…
    account_id        text REFERENCES accounts(id) ON DELETE CASCADE,   -- NULL: gallery
    name              text NOT NULL,
    style_sha256      text NOT NULL REFERENCES blobs(sha256),
    style_media_type  text NOT NULL,
    thumbnail_sha256  text NOT NULL REFERENCES blobs(sha256),   -- 256x256 JPEG
    width             bigint NOT NULL CHECK (width > 0),        -- the style image as displayed
    height            bigint NOT NULL CHECK (height > 0),
    created_at        bigint NOT NULL,
    updated_at        bigint NOT NULL,
    deleted_at        bigint
);
-- Seeding the gallery is idempotent: one gallery filter per style image content.
CREATE UNIQUE INDEX filters_gallery_style ON filters(style_sha256) WHERE account_id IS NULL;
CREATE INDEX filters_account ON filters(account_id, created_at, id);
CREATE INDEX filters_style_blob ON filters(style_sha256);
CREATE INDEX filters_thumbnail_blob ON filters(thumbnail_sha256);

-- Style codes (StyleCode.serialized()) per filter and model, computed once.
CREATE TABLE filter_style_codes (
    filter_id   text NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
    model       text NOT NULL,                          -- ModelKind: microast, adain
    code        bytea NOT NULL,
    created_at  bigint NOT NULL,
    PRIMARY KEY (filter_id, model)
);

-- A job (holder, e.g. sty_…) using a filter or an asset. While a pin is live (expires_at in the
-- future) the pinned row is never removed: deleting it only sets deleted_at. Pins are leases so
-- that a crashed worker does not keep content for ever.
CREATE TABLE filter_pins (
    filter_id   text NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
    holder      text NOT NULL,
    expires_at  bigint NOT NULL,
    PRIMARY KEY (filter_id, holder)
);
CREATE INDEX filter_pins_holder ON filter_pins(holder);

CREATE TABLE asset_pins (
    asset_id    text NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    holder      text NOT NULL,
    expires_at  bigint NOT NULL,
    PRIMARY KEY (asset_id, holder)
);
CREATE INDEX asset_pins_holder ON asset_pins(holder);

-- Every column that names a blob. The sweeper never deletes a blob listed here. A migration
-- that adds a blob column (stylization results) must recreate this view to include it.
CREATE VIEW blob_references (sha256) AS
    SELECT sha256 FROM assets
    UNION ALL SELECT style_sha256 FROM filters
    UNION ALL SELECT thumbnail_sha256 FROM filters;
