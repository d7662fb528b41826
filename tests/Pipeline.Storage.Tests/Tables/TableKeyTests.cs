using Pipeline.Storage.Tables;

namespace Pipeline.Storage.Tests.Tables;

public class TableKeyTests
{
    [Theory]
    [InlineData("plain-account_01", "plain-account_01")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData(@"a\b#c?d", "a%5Cb%23c%3Fd")]
    [InlineData("x|y", "x%7Cy")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    public void Forbidden_characters_are_escaped(string value, string expected) => TableKey.Escape(value).Should().Be(expected);

    [Theory]
    [InlineData("/providers/Microsoft.Billing/billingAccounts/8611537:a4a2#ea")]
    [InlineData("ocid1.tenancy.oc1..aaaa?x=1")]
    [InlineData("%2F literally")]
    [InlineData("ünïcödé ✓ \u0001\u007f")]
    [InlineData("")]
    public void Escaping_is_reversible(string value)
    {
        var escaped = TableKey.Escape(value);

        escaped.Should().NotContainAny("/", "\\", "#", "?", "|");
        escaped.Should().NotMatchRegex(@"\p{Cc}");
        TableKey.Unescape(escaped).Should().Be(value);
    }
}
