namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>
/// <c>INFORMATION_SCHEMA.COLUMNS</c> as Snowflake answers it: one database's columns with Snowflake's type names in
/// DATA_TYPE (every integer and decimal is NUMBER, integers 38/0; VARCHAR is TEXT of 16,777,216; DOUBLE is FLOAT;
/// TIMESTAMP is TIMESTAMP_NTZ, TIMESTAMPTZ TIMESTAMP_TZ; JSON and nested types VARIANT). A DuckDB table macro over
/// DuckDB's own view, created once per database; the translator points references to the view at it.
/// </summary>
internal static class SnowflakeInformationSchema
{
    public const string ColumnsMacro = "SF_INFORMATION_SCHEMA_COLUMNS";

    private const string Integer = "data_type IN ('TINYINT','SMALLINT','INTEGER','BIGINT','HUGEINT','UTINYINT','USMALLINT','UINTEGER','UBIGINT','UHUGEINT')";
    private const string Decimal = "data_type LIKE 'DECIMAL%'";

    public static string CreateColumnsMacro => $"""
        CREATE OR REPLACE MACRO {SqlTranslator.SystemCatalog}.main.{ColumnsMacro}(db) AS TABLE
        SELECT table_catalog AS TABLE_CATALOG, table_schema AS TABLE_SCHEMA, table_name AS TABLE_NAME,
               column_name AS COLUMN_NAME, ordinal_position AS ORDINAL_POSITION, column_default AS COLUMN_DEFAULT,
               is_nullable AS IS_NULLABLE,
               CASE WHEN {Integer} OR {Decimal} THEN 'NUMBER'
                    WHEN data_type = 'VARCHAR' THEN 'TEXT'
                    WHEN data_type IN ('DOUBLE', 'FLOAT') THEN 'FLOAT'
                    WHEN data_type IN ('BOOLEAN', 'DATE') THEN data_type
                    WHEN data_type = 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_TZ'
                    WHEN data_type LIKE 'TIMESTAMP%' THEN 'TIMESTAMP_NTZ'
                    WHEN data_type LIKE 'TIME%' THEN 'TIME'
                    WHEN data_type = 'BLOB' THEN 'BINARY'
                    ELSE 'VARIANT' END AS DATA_TYPE,
               CASE WHEN data_type = 'VARCHAR' THEN 16777216 END AS CHARACTER_MAXIMUM_LENGTH,
               CASE WHEN data_type = 'VARCHAR' THEN 16777216 END AS CHARACTER_OCTET_LENGTH,
               CASE WHEN {Integer} THEN 38 WHEN {Decimal} THEN numeric_precision END AS NUMERIC_PRECISION,
               CASE WHEN {Integer} OR {Decimal} THEN 10 END AS NUMERIC_PRECISION_RADIX,
               CASE WHEN {Integer} THEN 0 WHEN {Decimal} THEN numeric_scale END AS NUMERIC_SCALE,
               CASE WHEN data_type LIKE 'TIMESTAMP%' OR data_type LIKE 'TIME%' THEN 9 END AS DATETIME_PRECISION
        FROM information_schema.columns
        WHERE (db = '' OR table_catalog = db) AND table_catalog NOT IN ('system', 'temp', '{SqlTranslator.SystemCatalog}')
        """;
}
