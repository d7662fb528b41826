using System.Text.Json.Nodes;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>A 200 JSON answer from a WireMock callback (the ledger stubs build their bodies per request).</summary>
internal static class StubJson
{
    public static ResponseMessage Ok(JsonNode body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var all = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(contentType) };
        foreach (var (name, value) in headers)
        {
            all[name] = new(value);
        }

        return new ResponseMessage { StatusCode = 200, Headers = all, BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String } };
    }
}
