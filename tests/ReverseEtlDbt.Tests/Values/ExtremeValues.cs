using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Tests.Values;

/// <summary>
/// A model table holding the extreme value of each type (DESIGN §3 rule 7), on either warehouse, read by the diff
/// in a session whose time zone is not UTC. Row 1 holds values that must travel digit for digit; rows 2 and 3 hold
/// values no destination can take (NaN, ±Infinity, infinite dates), which must reject their row alone.
/// </summary>
public static class ExtremeValues
{
    public const string Decimal38 = "1234567890123456789012345678.0123456789";
    public const string Nines38 = "99999999999999999999999999999999999999";
    public const string HugeMax = "170141183460469231731687303715884105727";

    public static readonly string[] Columns = ["d38", "n38", "neg", "big", "dbl", "day", "ts", "tstz"];

    /// <summary>A fresh warehouse of <paramref name="kind"/> holding the table (the caller disposes it).</summary>
    public static async Task<TestWarehouse> OpenAsync(WarehouseKind kind)
    {
        var db = await TestWarehouse.OpenAsync(kind);
        await CreateAsync(db);
        return db;
    }

    private static async Task CreateAsync(TestWarehouse db)
    {
        var infinity = "'infinity'";
        await db.ExecuteAsync($"""
            create table extremes (id integer, email varchar, d38 decimal(38,10), n38 decimal(38,0), neg decimal(38,10), big bigint,
                                   dbl double precision, day date, ts timestamp, tstz timestamptz{(db.Kind == WarehouseKind.DuckDb ? ", hug hugeint" : "")});
            insert into extremes values
              (1, 'row1@example.com', {Decimal38}, {Nines38}, -{Decimal38}, 9223372036854775807, 0.1, '2024-02-29', '2024-01-02 03:04:05.123456',
                  '2024-01-02 03:04:05.123456+01'{Huge(db, HugeMax)}),
              (2, 'row2@example.com', 0, -{Nines38}, -0.5, -9223372036854775808, 'NaN', {infinity}, {infinity}, '-infinity'{Huge(db, "-" + HugeMax)}),
              (3, 'row3@example.com', 1, 1, 1, 0, 'Infinity', '2024-01-01', '2024-01-01 00:00:00', '2024-06-01 12:00:00+00'{Huge(db, "0")})
            """);
        // A hostile session: another time zone, and on PostgreSQL another date style (to_json ignores it). On Redshift
        // retl itself sets the session's date style when it connects (RedshiftWarehouseTests), so only the zone moves.
        await db.ExecuteAsync(db.Kind switch
        {
            WarehouseKind.DuckDb => "SET TimeZone = 'Asia/Kolkata'",
            WarehouseKind.Redshift => "SET TIME ZONE 'Asia/Kolkata'",
            _ => "SET TIME ZONE 'Asia/Kolkata'; SET datestyle = 'SQL, DMY'",
        });
    }

    /// <summary>The sync reading every column of the table, each mapped to a field of the same name.</summary>
    /// <param name="fieldPrefix">Put before each field name (<c>user_fields.</c> for Zendesk).</param>
    public static DestinationSync Sync(WarehouseKind kind, string connection = "crm", string destinationObject = "contacts",
        MatchSpec? match = null, string fieldPrefix = "") => new()
    {
        Id = "extremes__" + connection,
        ModelUniqueId = "model.shop.extremes",
        ModelName = "extremes",
        PrimaryKey = "id",
        Connection = connection,
        Object = destinationObject,
        Mode = SyncMode.Upsert,
        Match = match,
        Fields = ColumnsOf(kind).Select(c => new FieldMapping(c, fieldPrefix + c)).ToList(),
        Static = new Dictionary<string, JsonElement>(),
    };

    public static IReadOnlyList<string> ColumnsOf(WarehouseKind kind) => kind == WarehouseKind.DuckDb ? [.. Columns, "hug"] : Columns;

    public static async Task<DiffSpec> SpecAsync(TestWarehouse db, DestinationSync sync)
    {
        var types = await db.Warehouse.GetColumnsAsync(db.Relation("extremes"), default);
        return DiffSpec.For(sync, db.Relation("extremes"), typeOf: c => types.FirstOrDefault(t => t.Name == c)?.DataType);
    }

    /// <summary>Row 1 as the engine hands it to a destination: read by the diff, mapped by <see cref="RowMapper"/>.</summary>
    public static async Task<RecordChange> FirstRowAsync(TestWarehouse db, DestinationSync sync)
    {
        var rows = await new DiffReader(db.Warehouse).ReadAsync(await SpecAsync(db, sync), default).ToListAsync();
        return new RowMapper(sync).Map(rows.Single(r => r.PrimaryKey == "1"));
    }

    private static string Huge(TestWarehouse db, string value) => db.Kind == WarehouseKind.DuckDb ? $", {value}" : "";
}
