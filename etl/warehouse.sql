-- The warehouse the dashboard reads. Built from data/ by `python -m etl build`; never edited by hand.
CREATE TABLE units (id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, symbol_zh VARCHAR, symbol_en VARCHAR,
                    measure_words VARCHAR[], bare_number_ok BOOLEAN);
CREATE TABLE categories (id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, sort INTEGER);
CREATE TABLE sectors (id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, description VARCHAR);
CREATE TABLE qualifiers (id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, words VARCHAR);
CREATE TABLE indicators (id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, unit_id VARCHAR REFERENCES units (id),
                         category_id VARCHAR REFERENCES categories (id), signed BOOLEAN);
CREATE TABLE regions (id VARCHAR PRIMARY KEY, code VARCHAR, name_zh VARCHAR, name_en VARCHAR, level VARCHAR,
                      parent_id VARCHAR, city_id VARCHAR);
CREATE TABLE agencies (id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, region_id VARCHAR, aliases_zh VARCHAR[]);
CREATE TABLE documents (id VARCHAR PRIMARY KEY, file VARCHAR, title_zh VARCHAR, title_en VARCHAR, publisher_zh VARCHAR,
                        publisher_en VARCHAR, published VARCHAR, kind VARCHAR, url VARCHAR, note_zh VARCHAR,
                        note_en VARCHAR, sha256 VARCHAR, license_zh VARCHAR, license_en VARCHAR, text VARCHAR);
CREATE TABLE plans (id VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, issuer_zh VARCHAR, issuer_en VARCHAR,
                    level VARCHAR, region_id VARCHAR, start_year INTEGER, end_year INTEGER, status VARCHAR);
CREATE TABLE plan_documents (plan_id VARCHAR, document_id VARCHAR);
CREATE TABLE plan_tasks (id VARCHAR PRIMARY KEY, plan_id VARCHAR, parent_id VARCHAR, seq INTEGER, number VARCHAR,
                         kind VARCHAR, title_zh VARCHAR, title_en VARCHAR, responsible_zh VARCHAR);
CREATE TABLE task_agencies (task_id VARCHAR, agency_id VARCHAR, position INTEGER);
CREATE TABLE clusters (id VARCHAR PRIMARY KEY, kind VARCHAR, name_zh VARCHAR, name_en VARCHAR, parent_id VARCHAR,
                       document_id VARCHAR);
CREATE TABLE cluster_regions (cluster_id VARCHAR, region_id VARCHAR, position INTEGER);
CREATE TABLE figures (id VARCHAR PRIMARY KEY, document_id VARCHAR, kind VARCHAR, indicator_id VARCHAR, sector_id VARCHAR,
                      region_id VARCHAR, cluster_id VARCHAR, plan_id VARCHAR, task_id VARCHAR, subject_zh VARCHAR,
                      subject_en VARCHAR, period_start VARCHAR, period_end VARCHAR, as_of VARCHAR, ref_date DATE,
                      value DOUBLE, value_text VARCHAR, unit_id VARCHAR, qualifier VARCHAR, stated VARCHAR, quote VARCHAR,
                      quote_start INTEGER, quote_end INTEGER, note VARCHAR, source_file VARCHAR, source_line INTEGER);
CREATE TABLE exclusions (document_id VARCHAR, stated VARCHAR, quote VARCHAR, reason_zh VARCHAR, reason_en VARCHAR);
CREATE TABLE build_info (built_at TIMESTAMP WITH TIME ZONE, source_digest VARCHAR, schema_version INTEGER,
                         figures INTEGER, documents INTEGER);
