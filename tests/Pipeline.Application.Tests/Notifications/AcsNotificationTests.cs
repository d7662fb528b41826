using Request = WireMock.RequestBuilders.Request;
using Response = WireMock.ResponseBuilders.Response;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Application.Notifications;
using Pipeline.Notifications.Email;
using Pipeline.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Application.Tests.Notifications;

/// <summary>The ACS Email REST sender against a WireMock stub that checks the bearer token and the documented body.</summary>
public sealed class AcsNotificationTests : IDisposable
{
    private readonly WireMockServer _acs = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public AcsNotificationTests()
    {
        _acs.Given(Request.Create().WithPath("/emails:send").WithParam("api-version", "2025-09-01").UsingPost()
                .WithHeader("Authorization", "Bearer mi-token")
                .WithHeader("operation-id", new RegexMatcher("^[0-9a-f-]{36}$"))
                .WithBody(new JsonPartialMatcher("""{ "senderAddress": "DoNotReply@contoso.azurecomm.net", "recipients": { "to": [ { "address": "finops@example.com" } ] } }""")))
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Operation-Location", "https://acs/emails/operations/1").WithBodyAsJson(new { id = "1", status = "Running" }));
        _acs.Given(Request.Create().WithPath("/emails:send").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(401).WithBodyAsJson(new { error = new { code = "Unauthorized", message = "bad token" } }));
    }

    [Fact]
    public async Task Redelivered_and_concurrent_messages_make_one_authenticated_send()
    {
        var credential = new StaticTokenCredential("mi-token");
        using var host = HostWith(credential);
        var request = await NotificationScenario.ArrangeAsync(host, "ACS once");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() => NotificationScenario.DeliverAsync(host, request, $"d{i}"))));
        var again = await NotificationScenario.DeliverAsync(host, request, "later");

        outcomes.Count(o => o == NotificationOutcome.Sent).Should().Be(1);
        again.Should().Be(NotificationOutcome.AlreadySent);
        var sends = _acs.LogEntries.Where(e => e.RequestMessage.Path == "/emails:send").ToList();
        sends.Should().ContainSingle().Which.ResponseMessage.StatusCode.Should().Be(202);
        credential.Scopes.Should().Equal("https://communication.azure.com/.default");
        var body = sends[0].RequestMessage.Body!;
        body.Should().Contain("\"contentId\":\"alert-chart\"").And.Contain("\"contentType\":\"image/png\"").And.Contain("[AT RISK] ACS once");
    }

    [Fact]
    public async Task A_rejected_token_fails_the_send_with_the_status_and_nothing_is_recorded_as_sent()
    {
        using var host = HostWith(new StaticTokenCredential("wrong-token"));
        var request = await NotificationScenario.ArrangeAsync(host, "ACS unauthorized");

        var act = () => host.Services.GetRequiredService<AlertNotifier>().NotifyAsync(request, "d1");

        (await act.Should().ThrowAsync<Pipeline.Http.ProviderUnauthorizedException>())
            .WithMessage("Azure Communication Services: send email was refused (HTTP 401 Unauthorized): bad token.*email-sender role*")
            .Which.Code.Should().Be("Unauthorized");
        var alert = await host.Services.GetRequiredService<Pipeline.Storage.Alerts.AlertStore>().GetAsync(request.Rule, request.SubjectKey);
        alert!.SentTransitionId.Should().BeNull("the queue will retry the message");
    }

    [Fact]
    public void The_operation_id_is_stable_per_transition_so_acs_deduplicates_a_resend() =>
        AcsEmailSender.OperationId("commitment-burn-x-1").Should().Be(AcsEmailSender.OperationId("commitment-burn-x-1"))
            .And.NotBe(AcsEmailSender.OperationId("commitment-burn-x-2"));

    private Microsoft.Extensions.Hosting.IHost HostWith(TokenCredential credential)
    {
        var host = PipelineTestHost.Create(Pipeline.Testing.TestStorage.NewPrefix(), new Dictionary<string, string?>
        {
            ["Email:Mode"] = "Acs",
            ["Email:From"] = "DoNotReply@contoso.azurecomm.net",
            ["Email:Acs:Endpoint"] = _acs.Url!,
        }, credential: credential);
        return host;
    }

    public void Dispose() => _acs.Stop();
}
