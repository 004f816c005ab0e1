using ReverseEtlDbt.Warehouse.Snowflake.Data;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class PositionalMarkersTests
{
    [Theory]
    [InlineData("select $1, $2", "select ?, ?")]
    [InlineData("select $10 + $2", "select ? + ?")]
    [InlineData("select '$1', 'it''s $2', 'a\\'$3'", "select '$1', 'it''s $2', 'a\\'$3'")]
    [InlineData("select \"$1\", \"a\"\"$2\" from t", "select \"$1\", \"a\"\"$2\" from t")]
    [InlineData("select $$ a $1 $$, $1", "select $$ a $1 $$, ?")]
    [InlineData("select a$1, t.$2 -- $3\n, $4 /* $5 */ // $6", "select a$1, t.? -- $3\n, ? /* $5 */ // $6")]
    [InlineData("select $ 1, $x", "select $ 1, $x")]
    public void Markers_outside_literals_quotes_and_comments_become_question_marks(string sql, string expected)
    {
        Assert.Equal(expected, PositionalMarkers.Rewrite(sql, _ => "?"));
    }

    [Fact]
    public void Markers_are_replaced_in_order_of_occurrence_with_their_numbers()
    {
        var seen = new List<int>();

        PositionalMarkers.Rewrite("where a = $2 and b = $1 or c = $2", n => { seen.Add(n); return "?"; });

        Assert.Equal([2, 1, 2], seen);
    }

    [Fact]
    public void A_marker_beyond_the_parameters_is_a_clear_error()
    {
        using var connection = SnowflakeTestTargets.Open(new ScriptedSnowflakeHandler());

        var error = Assert.Throws<InvalidOperationException>(() => SnowflakeTestTargets.Command(connection, "select $1, $2", "a").Statement());

        Assert.Contains("uses $2 but the command has 1 parameter(s)", error.Message);
    }

    [Theory]
    [InlineData(@"a\b'c", @"'a\\b''c'")]
    [InlineData(-3L, "(-3)")]
    [InlineData(2.5d, "2.5::FLOAT")]
    [InlineData(false, "FALSE")]
    public void Literals_escape_quotes_and_backslashes_and_guard_signs(object value, string expected)
    {
        Assert.Equal(expected, SnowflakeValues.Literal(value));
    }
}
