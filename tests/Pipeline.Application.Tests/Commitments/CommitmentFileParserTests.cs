using Pipeline.Application.Commitments;
using Pipeline.Core.Commitments;

namespace Pipeline.Application.Tests.Commitments;

public class CommitmentFileParserTests
{
    private static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "commitments.json");

    [Fact]
    public void The_sample_file_is_valid()
    {
        var commitments = CommitmentFileParser.Parse(File.ReadAllText(SamplePath));

        commitments.Where(c => c.Category == CommitmentCategory.Spend).Select(c => c.ProviderName).Should().BeEquivalentTo(["Microsoft", "AWS", "Oracle", "Google Cloud"]);
        var capacity = commitments.Single(c => c.Id == "oci-h100-capacity-2026");
        (capacity.Category, capacity.AcceleratorModel, capacity.Deliveries.Count, capacity.ContractedGpus(new DateOnly(2026, 11, 1))).Should().Be((CommitmentCategory.Usage, "H100", 3, 512));
        var aws = commitments.Single(c => c.ProviderName == "AWS");
        aws.Periods.Should().HaveCount(3, "a ramp");
        aws.Periods[1].Should().Be(new CommitmentPeriod(new DateOnly(2027, 1, 1), new DateOnly(2028, 1, 1), 45_000_000m));
        aws.Eligibility.ExcludeServiceNames.Should().Equal("Tax");
        aws.Metric.Should().Be(CommitmentMetric.EffectiveCost);
    }

    [Fact]
    public void The_example_from_the_documentation_parses_with_exact_amounts()
    {
        var json = """
            { "commitments": [ { "id": "azure-macc-2025", "name": "Azure MACC 2025-2031", "provider": "Microsoft", "category": "Spend",
                "currency": "USD", "metric": "EffectiveCost", "periods": [ { "start": "2025-01-01", "end": "2026-01-01", "amount": 20000000000 } ],
                "eligibility": { "billingAccountIds": [], "subAccountIds": [], "serviceCategories": [], "serviceNames": [], "excludeServiceNames": [] },
                "owners": ["finops@example.com"] } ] }
            """;

        var c = CommitmentFileParser.Parse(json).Single();

        c.Periods.Single().Amount.Should().Be(20_000_000_000m);
        c.Periods.Single().Days.Should().Be(365);
        c.Eligibility.Matches("any", null, null, null).Should().BeTrue("empty lists mean all");
    }

    [Fact]
    public void An_invalid_file_lists_every_problem_with_its_path()
    {
        var json = """
            { "commitments": [
              { "id": "a", "name": "A", "provider": "AWS", "category": "Spend", "currency": "USD",
                "periods": [ { "start": "2025-01-01", "end": "2025-07-01", "amount": 10 }, { "start": "2025-06-01", "end": "2026-01-01", "amount": 10 } ] },
              { "id": "a", "name": "Dup", "provider": "AWS", "category": "Spend", "currency": "XYZ",
                "periods": [ { "start": "2025-02-30", "end": "2025-01-01", "amount": 5 } ] },
              { "id": "bad id!", "name": "B", "provider": "Oracle", "category": "Spend", "currency": "USD", "metric": "ListCost",
                "periods": [ { "start": "2025-01-01", "end": "2026-01-01", "amount": -1 } ], "owners": ["not-an-email"], "colour": "red" }
            ] }
            """;

        var problems = Problems(json);

        problems.Should().Contain(p => p.Path == "$.commitments[2].id");
        problems.Should().Contain(p => p.Path == "$.commitments[2].metric");
        problems.Should().Contain(p => p.Path == "$.commitments[2].periods[0].amount");
        problems.Should().Contain(p => p.Path == "$.commitments[2].owners[0]");
        problems.Should().Contain(p => p.Path == "$.commitments[2].colour" && p.Reason.StartsWith("unknown property 'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void Semantic_problems_are_all_reported_once_the_schema_passes()
    {
        var json = """
            { "commitments": [
              { "id": "a", "name": "A", "provider": "AWS", "category": "Spend", "currency": "USD",
                "periods": [ { "start": "2025-01-01", "end": "2025-07-01", "amount": 10 }, { "start": "2025-06-01", "end": "2026-01-01", "amount": 10 } ] },
              { "id": "A", "name": "Dup", "provider": "AWS", "category": "Spend", "currency": "XYZ",
                "periods": [ { "start": "2025-02-30", "end": "2025-01-01", "amount": 5 }, { "start": "2025-03-01", "end": "2025-02-01", "amount": 5 } ] }
            ] }
            """;

        var problems = Problems(json).Select(p => p.ToString()).ToList();

        problems.Should().BeEquivalentTo(
        [
            "$.commitments[0].periods[1].start: starts 2025-06-01, before the previous period ends (2025-07-01); periods must be in order and not overlap",
            "$.commitments[1].id: duplicate id 'A'",
            "$.commitments[1].currency: 'XYZ' is not an ISO 4217 currency code",
            "$.commitments[1].periods[0].start: '2025-02-30' is not a date (yyyy-MM-dd)",
            "$.commitments[1].periods[1].end: end 2025-02-01 is not after start 2025-03-01 (end is exclusive)",
        ]);
    }

    [Fact]
    public void Owners_that_pass_the_schema_but_are_no_single_mailbox_are_refused_with_their_path()
    {
        var problems = Problems("""
            { "commitments": [ { "id": "a", "name": "A", "provider": "AWS", "category": "Spend", "currency": "USD",
              "periods": [ { "start": "2025-01-01", "end": "2026-01-01", "amount": 10 } ],
              "owners": [ "ok@example.com", "finops,team@example.com", "a;x@c.d", "a:b@c.d" ] } ] }
            """).Select(p => p.ToString()).ToList();

        problems.Should().Equal(
            "$.commitments[0].owners[1]: 'finops,team@example.com' is not a single email address (local@domain; no lists, groups or display names)",
            "$.commitments[0].owners[2]: 'a;x@c.d' is not a single email address (local@domain; no lists, groups or display names)",
            "$.commitments[0].owners[3]: 'a:b@c.d' is not a single email address (local@domain; no lists, groups or display names)");
    }

    [Fact]
    public void A_capacity_commitment_needs_a_model_and_an_ordered_delivery_schedule()
    {
        var missing = Problems("""{ "commitments": [ { "id": "c", "name": "C", "provider": "Oracle", "category": "Usage" } ] }""");
        var unordered = Problems("""
            { "commitments": [ { "id": "c", "name": "C", "provider": "Oracle", "category": "Usage", "acceleratorModel": "H100",
              "deliveries": [ { "date": "2026-06-01", "gpus": 256 }, { "date": "2026-05-01", "gpus": 512 } ] } ] }
            """);

        missing.Should().Contain(p => p.Path == "$.commitments[0]" && p.Reason.Contains("acceleratorModel", StringComparison.Ordinal));
        unordered.Select(p => p.ToString()).Should().Equal("$.commitments[0].deliveries[1].date: 2026-05-01 is not after the previous delivery (2026-06-01); list deliveries in date order");
    }

    [Theory]
    [InlineData("not json", "$", "not valid JSON")]
    [InlineData("{ \"commitments\": [ { \"id\": \"x\" } ] }", "$.commitments[0]", "name")]
    [InlineData("{ \"commitments\": [ { \"id\": \"x\", \"name\": \"X\", \"provider\": \"AWS\", \"category\": \"Spend\", \"currency\": \"USD\", \"periods\": [ { \"start\": \"2025-01-01\", \"end\": \"2026-01-01\", \"amount\": 1e30 } ] } ] }",
        "$.commitments[0].periods[0].amount", "exceeds the maximum")]
    public void Broken_files_are_rejected_naming_where_and_why(string json, string path, string reason) =>
        Problems(json).Should().Contain(p => p.Path == path && p.Reason.Contains(reason, StringComparison.Ordinal));

    private static IReadOnlyList<CommitmentFileProblem> Problems(string json)
    {
        var act = () => CommitmentFileParser.Parse(json);
        return act.Should().Throw<InvalidCommitmentFileException>().Which.Problems;
    }
}
