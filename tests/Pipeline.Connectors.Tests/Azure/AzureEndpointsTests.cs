using Pipeline.Connectors.Azure;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>The ARM token scope follows the configured cloud, or an explicit audience in front of a gateway.</summary>
public class AzureEndpointsTests
{
    [Theory]
    [InlineData("https://management.azure.com/", null, "https://management.azure.com/.default")]
    [InlineData("https://management.usgovcloudapi.net/", null, "https://management.usgovcloudapi.net/.default")]
    [InlineData("https://management.chinacloudapi.cn/", null, "https://management.chinacloudapi.cn/.default")]
    [InlineData("https://arm-gateway.contoso.internal/azure/", "https://management.azure.com/", "https://management.azure.com/.default")]
    public void The_arm_scope_is_the_audience_of_the_configured_cloud(string endpoint, string? audience, string scope) =>
        new AzureOptions { ManagementEndpoint = new Uri(endpoint), ManagementAudience = audience is null ? null : new Uri(audience) }.ManagementScope.Should().Be(scope);
}
