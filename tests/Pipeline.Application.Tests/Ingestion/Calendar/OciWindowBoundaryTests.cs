using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Ingestion;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Ingestion.Calendar;

/// <summary>The OCI Usage API's invoice-close window across month and year boundaries, through the signed client, against a stub answering from a ledger.</summary>
public sealed class OciWindowBoundaryTests : IDisposable
{
    private const string Tenancy = "ocid1.tenancy.oc1..aaaaaaaacalendartest";
    private readonly WireMockServer _oci = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly RSA _key = RSA.Create(2048);
    private readonly CostLedger _ledger = new(["ocid1.compartment.oc1..gpu", "ocid1.compartment.oc1..inference"], ["Compute", "Generative AI"]);

    private Microsoft.Extensions.Hosting.IHost Host(InstantTimeProvider time) => PipelineTestHost.Create(TestStorage.NewPrefix(), new Dictionary<string, string?>
    {
        ["Oci:Enabled"] = "true",
        ["Oci:TenancyId"] = Tenancy,
        ["Oci:UserId"] = "ocid1.user.oc1..aaaaaaaacalendartest",
        ["Oci:Fingerprint"] = string.Join(':', MD5.HashData(_key.ExportSubjectPublicKeyInfo()).Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
        ["Oci:PrivateKeyPem"] = _key.ExportPkcs8PrivateKeyPem(),
        ["Oci:HomeRegion"] = "us-ashburn-1",
        ["Oci:WindowDays"] = BoundaryCases.WindowDays.ToString(CultureInfo.InvariantCulture),
        ["Oci:UsageEndpoint"] = _oci.Url + "/usage/{region}/",
    }, time);

    private void ServeLedger(InstantTimeProvider time) =>
        _oci.Given(Request.Create().UsingPost().WithPath("/usage/us-ashburn-1/20200107/usage")
                .WithHeader("Authorization", new RegexMatcher("^Signature version=\"1\",headers=\"date \\(request-target\\) host content-length content-type x-content-sha256\",keyId=\"ocid1\\.tenancy[^\"]+\",algorithm=\"rsa-sha256\",signature=\"[A-Za-z0-9+/=]+\"$")))
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var (from, to) = Period(request.Body!);
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                var items = _ledger.AsOf(today, from, to).Select(c => (JsonNode)new JsonObject
                {
                    ["tenantId"] = null, ["compartmentId"] = c.SubAccount, ["compartmentName"] = c.SubAccount.Split('.')[^1], ["service"] = c.Service, ["region"] = "us-ashburn-1",
                    ["timeUsageStarted"] = $"{c.Day:yyyy-MM-dd}T00:00:00.000Z", ["timeUsageEnded"] = $"{c.Day.AddDays(1):yyyy-MM-dd}T00:00:00.000Z",
                    ["computedAmount"] = c.Billed, ["currency"] = "USD", ["isForecast"] = false,
                }).ToArray();
                return StubJson.Ok(new JsonObject { ["items"] = new JsonArray(items) }, headers: ("opc-request-id", "CALENDAR"));
            }));

    [Theory]
    [Trait(TestClock.Trait, TestClock.Category)]
    [MemberData(nameof(BoundaryCases.Dates), MemberType = typeof(BoundaryCases))]
    public async Task Daily_runs_across_the_boundary_request_the_invoice_close_window_and_store_every_day_exactly_once(string today)
    {
        var @case = BoundaryCases.For(today);
        var time = new InstantTimeProvider(TestClock.At(@case.Today.AddDays(-2)));
        ServeLedger(time);
        using var host = Host(time);

        List<(DateOnly, DateOnly)> requested = [];
        var window = await DailyRuns.AcrossAsync(host, time, @case.Today, host.Services.GetRequiredKeyedService<IProviderIngestion>("oci"), "Oracle", _ledger, effectiveIsBilled: true,
            beforeToday: _oci.ResetLogEntries, afterToday: () => requested = _oci.LogEntries.Select(e => Period(e.RequestMessage.Body!)).ToList());

        window.Should().Be((@case.InvoiceClose, @case.Today));
        requested.Should().Equal([(@case.InvoiceClose, @case.Today)], "one RequestSummarizedUsages for the window, midnight to midnight");
    }

    private static (DateOnly From, DateOnly To) Period(string body)
    {
        var json = JsonNode.Parse(body)!;
        return (TestClock.Day(((string)json["timeUsageStarted"]!)[..10]), TestClock.Day(((string)json["timeUsageEnded"]!)[..10]));
    }

    public void Dispose()
    {
        _oci.Stop();
        _key.Dispose();
    }
}
