using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipeline.Notifications.Email;
using Pipeline.Testing;

namespace Pipeline.Application.Tests.Notifications;

/// <summary>
/// The SMTP sender never lets a password cross the network in clear: against a relay that offers AUTH but not STARTTLS
/// (a local plain-text server speaking real SMTP), the send is refused before any AUTH command, and settings that would
/// authenticate without TLS fail at start-up.
/// </summary>
[Trait(TestClock.Trait, TestClock.Independent)]
public sealed class SmtpTlsTests : IAsyncDisposable
{
    private readonly PlainSmtpServer _server = PlainSmtpServer.Start();

    [Fact]
    public async Task A_relay_without_starttls_is_refused_before_any_credential_is_sent()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions
        {
            Mode = EmailMode.Smtp, From = "alerts@pipeline.test",
            Smtp = new EmailOptions.SmtpSettings { Host = "127.0.0.1", Port = _server.Port, UserName = "relay-user", Password = "s3cret-relay-password" },
        });
        var sender = new SmtpEmailSender(options, new InstantTimeProvider(TestClock.Now));

        var act = () => sender.SendAsync(new EmailMessage(["owner@example.com"], "subject", "<p>html</p>", "text", [], "key-1"));

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*does not offer STARTTLS; nothing was sent*");
        var conversation = _server.Conversation;
        conversation.Should().Contain(l => l.StartsWith("EHLO", StringComparison.Ordinal), "the client did talk to the relay");
        conversation.Should().NotContain(l => l.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase) || l.Contains("s3cret", StringComparison.Ordinal));
        conversation.Should().NotContain(l => l.StartsWith("MAIL FROM", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("false", null, "*password would cross the network in clear*")]
    [InlineData("true", null, null)]
    [InlineData("false", "true", null)]
    public void Settings_that_would_authenticate_without_tls_fail_validation(string useStartTls, string? implicitTls, string? error)
    {
        var options = new EmailOptions
        {
            Mode = EmailMode.Smtp, From = "alerts@pipeline.test",
            Smtp = new EmailOptions.SmtpSettings { Host = "smtp.example.com", UserName = "u", Password = "p", UseStartTls = bool.Parse(useStartTls), ImplicitTls = implicitTls is null ? null : bool.Parse(implicitTls) },
        };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        if (error is null)
        {
            problems.Should().BeEmpty();
        }
        else
        {
            problems.Should().ContainSingle().Which.Should().Match(error);
        }
    }

    [Theory]
    [InlineData("finops,team@example.com")]
    [InlineData("a;x@c.d")]
    [InlineData("a:b@c.d")]
    [InlineData("Fin Ops <finops@example.com>")]
    [InlineData(" finops@example.com")]
    [InlineData("finops@")]
    public void Addresses_mimekit_would_not_send_to_are_refused_in_settings_naming_the_address(string address)
    {
        var options = new EmailOptions { DefaultRecipients = ["ok@example.com", address] };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        EmailAddressRules.IsValid(address).Should().BeFalse();
        EmailAddressRules.IsValid("ok@example.com").Should().BeTrue();
        problems.Should().ContainSingle().Which.Should().Contain($"'{address}'");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>An SMTP server on loopback that offers AUTH PLAIN/LOGIN but no STARTTLS, and records what the client says.</summary>
    private sealed class PlainSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<string> _conversation = [];
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Conversation
        {
            get
            {
                lock (_conversation)
                {
                    return [.. _conversation];
                }
            }
        }

        public static PlainSmtpServer Start()
        {
            var server = new PlainSmtpServer();
            server._listener.Start();
            server._loop = server.AcceptAsync();
            return server;
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await using var stream = client.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII);
                    await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                    await writer.WriteLineAsync("220 relay.test ESMTP");
                    while (await reader.ReadLineAsync(_stop.Token) is { } line)
                    {
                        lock (_conversation)
                        {
                            _conversation.Add(line);
                        }

                        var verb = line.Split(' ')[0].ToUpperInvariant();
                        await writer.WriteLineAsync(verb switch
                        {
                            "EHLO" => "250-relay.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME",
                            "QUIT" => "221 bye",
                            _ => "250 ok",
                        });
                        if (verb == "QUIT")
                        {
                            break;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
