using Pipeline.Core.Diagnostics;
using Pipeline.Testing;

namespace Pipeline.Core.Tests.Diagnostics;

public class SecretScrubberTests
{
    [Theory]
    [MemberData(nameof(SecretPatterns.Names), MemberType = typeof(SecretPatterns))]
    public void Each_credential_pattern_is_masked_and_the_context_kept(string name)
    {
        var text = SecretPatterns.Text(name);

        var scrubbed = SecretScrubber.Scrub(text);

        scrubbed.Should().NotContain(SecretPatterns.Secret).And.Contain(SecretScrubber.Mask, because: name);
        SecretScrubber.Scrub(scrubbed).Should().Be(scrubbed, "scrubbing is idempotent");
    }

    [Fact]
    public void Ordinary_messages_are_left_alone()
    {
        const string text = "Azure: HTTP 429 TooManyRequests on https://management.azure.com/subscriptions/x/providers/Microsoft.CostManagement/query; retry after 30 s (key: costs, token count 3)";

        SecretScrubber.Scrub(text).Should().Be(text);
    }

    [Fact]
    public void A_scrubbed_exception_keeps_the_type_and_stack_but_no_secret_of_its_own_or_inner_messages()
    {
        Exception original;
        try
        {
            try
            {
                throw new InvalidOperationException(SecretPatterns.Text("AccountKey"));
            }
            catch (Exception inner)
            {
                throw new IOException(SecretPatterns.Text("SAS sig"), inner);
            }
        }
        catch (Exception ex)
        {
            original = ex;
        }

        var scrubbed = SecretScrubber.Scrub(original);

        scrubbed.ToString().Should().NotContain(SecretPatterns.Secret).And.StartWith("System.IO.IOException: ").And.Contain(nameof(A_scrubbed_exception_keeps_the_type_and_stack_but_no_secret_of_its_own_or_inner_messages));
        scrubbed.Message.Should().Contain("acct.blob.core.windows.net").And.Contain("AccountName=acct");
        scrubbed.InnerException.Should().BeNull();
        SecretScrubber.Scrub(scrubbed).Should().BeSameAs(scrubbed);
    }

    [Theory]
    [InlineData("https://acct.blob.core.windows.net/exports/focus/?sv=2024&sig=S3CR3Tv4lue%ZZ&se=bad date", "https://acct.blob.core.windows.net/exports/focus/")]
    [InlineData("https://user:S3CR3Tv4lue@host.example.com/path#frag", "https://host.example.com/path")]
    [InlineData("s3://bucket/prefix/", "s3://bucket/prefix/")]
    [InlineData("/data/exports/focus", "/data/exports/focus")]
    public void Locations_keep_scheme_host_and_path_only_even_when_they_do_not_parse(string location, string expected) =>
        LocationRedactor.Redact(location).Should().Be(expected);
}
