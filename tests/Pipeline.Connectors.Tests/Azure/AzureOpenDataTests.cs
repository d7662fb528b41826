using Pipeline.Connectors.Azure;

namespace Pipeline.Connectors.Tests.Azure;

/// <summary>The FinOps toolkit open data embedded for service categories and region spellings.</summary>
public class AzureOpenDataTests
{
    [Theory]
    [InlineData("US East", "eastus", "East US")]
    [InlineData("eastus", "eastus", "East US")]
    [InlineData("East US 2", "eastus2", "East US 2")]
    [InlineData("swedencentral", "swedencentral", "Sweden Central")]
    public void Every_spelling_of_a_location_maps_to_one_region(string location, string id, string name) =>
        AzureOpenData.Region(location).Should().Be((id, name));

    [Theory]
    [InlineData("global")]
    [InlineData("Unassigned")]
    [InlineData("")]
    [InlineData(null)]
    public void Non_regional_locations_have_no_region(string? location) => AzureOpenData.Region(location).Should().Be(((string?)null, (string?)null));

    [Fact]
    public void An_unknown_location_is_kept_lower_cased() => AzureOpenData.Region("Mars North").Should().Be(("mars north", (string?)null));

    [Theory]
    [InlineData("Virtual Machines", "Compute")]
    [InlineData("Storage Accounts", "Storage")]
    [InlineData("Not A Real Service", "Other")]
    public void Service_names_map_to_focus_service_categories(string service, string category) => AzureOpenData.ServiceCategory(service).Should().Be(category);
}
