using System.Text;
using ReverseEtlDbt.Definitions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace ReverseEtlDbt.Tests.Definitions;

/// <summary>No YAML file retl reads can exhaust memory or time: alias bombs and huge files are refused, ordinary anchors work.</summary>
public sealed class SafeYamlTests
{
    /// <summary>A 9-level "billion laughs": 9 aliases per level, 9^9 values once expanded.</summary>
    private static string AliasBomb()
    {
        var yaml = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (var level = 1; level <= 9; level++)
            yaml.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        return yaml.Append("hubspot: {type: hubspot, token: *a9}\n").ToString();
    }

    [Fact]
    public void An_alias_bomb_in_the_connections_file_is_refused_as_a_diagnostic()
    {
        var path = Path.Combine(Path.GetTempPath(), $"retl-bomb-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, AliasBomb());
        try
        {
            var (file, diagnostics) = ConnectionsFile.Read(path, "retl_connections.yml", _ => null);

            var d = Assert.Single(diagnostics);
            Assert.Equal("invalid_yaml", d.Code);
            Assert.Contains("aliases", d.Message, StringComparison.Ordinal);
            Assert.Empty(file.Connections);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Anchors_shared_as_profiles_do_are_read()
    {
        var stream = SafeYaml.Load(new StringReader("""
            defaults: &defaults {type: postgres, host: 127.0.0.1, port: 5432}
            dev: {<<: *defaults, dbname: dev}
            prod: {<<: *defaults, dbname: prod}
            """), "profiles.yml");

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal(3, root.Children.Count);
    }

    [Fact]
    public void A_file_past_the_size_limit_is_refused()
    {
        var huge = "k: \"" + new string('x', SafeYaml.MaxChars) + "\"\n";

        var e = Assert.Throws<YamlException>(() => SafeYaml.Load(new StringReader(huge), "selectors.yml"));

        Assert.Contains("selectors.yml is larger than", e.Message, StringComparison.Ordinal);
    }
}
