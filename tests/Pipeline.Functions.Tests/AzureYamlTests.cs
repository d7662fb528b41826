using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Functions.Tests;

/// <summary>azure.yaml is what <c>azd up</c> reads: it must satisfy azd's published schema and point at the function app.</summary>
public class AzureYamlTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    // JsonSchema.Net registers a schema by its $id globally, so it is loaded once.
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Fixtures, "azd", "azure.yaml.schema.json"))));

    [Fact]
    public void Azure_yaml_is_valid_against_the_azd_schema()
    {
        var schema = s_schema.Value;
        var document = ToJson(LoadYaml());

        var result = schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        result.IsValid.Should().BeTrue(string.Join("; ", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
    }

    [Fact]
    public void The_one_service_is_the_dotnet_function_app()
    {
        var service = ToJson(LoadYaml())["services"]!["functions"]!;

        (service["project"]!.GetValue<string>(), service["language"]!.GetValue<string>(), service["host"]!.GetValue<string>())
            .Should().Be(("./functions", "dotnet", "function"));
        File.ReadLines(Path.Combine(Fixtures, "azure.yaml")).First().Should().StartWith("# yaml-language-server: $schema=");
    }

    [Fact]
    public void A_schema_violation_would_be_caught()
    {
        var schema = s_schema.Value;

        schema.Evaluate(JsonDocument.Parse("""{ "name": "Not_Valid!" }""").RootElement).IsValid.Should().BeFalse();
    }

    private static YamlNode LoadYaml()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Fixtures, "azure.yaml"))));
        return stream.Documents[0].RootNode;
    }

    private static JsonNode ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, (JsonNode?)ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(c => (JsonNode?)ToJson(c)).ToArray()),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };
}
