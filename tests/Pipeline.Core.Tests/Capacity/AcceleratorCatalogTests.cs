using Pipeline.Core.Capacity;

namespace Pipeline.Core.Tests.Capacity;

public class AcceleratorCatalogTests
{
    private static readonly AcceleratorCatalog Catalog = AcceleratorCatalog.Default;

    [Theory]
    [InlineData("AWS", "p4d.24xlarge", "A100-40GB", 8, 96)]
    [InlineData("AWS", "p4de.24xlarge", "A100-80GB", 8, 96)]
    [InlineData("AWS", "p5.48xlarge", "H100", 8, 192)]
    [InlineData("AWS", "p5e.48xlarge", "H200", 8, 192)]
    [InlineData("AWS", "p5en.48xlarge", "H200", 8, 192)]
    [InlineData("AWS", "p6-b200.48xlarge", "B200", 8, 192)]
    [InlineData("AWS", "p6e-gb200.36xlarge", "GB200", 4, 144)]
    [InlineData("AWS", "g5.48xlarge", "A10G", 8, 192)]
    [InlineData("AWS", "g6.xlarge", "L4", 1, 4)]
    [InlineData("AWS", "g6e.12xlarge", "L40S", 4, 48)]
    [InlineData("AWS", "trn1.32xlarge", "Trainium", 16, 128)]
    [InlineData("AWS", "trn2.48xlarge", "Trainium2", 16, 192)]
    [InlineData("Microsoft", "Standard_ND96asr_v4", "A100-40GB", 8, 96)]
    [InlineData("Microsoft", "Standard_ND96amsr_A100_v4", "A100-80GB", 8, 96)]
    [InlineData("Microsoft", "Standard_ND96isr_H100_v5", "H100", 8, 96)]
    [InlineData("Microsoft", "Standard_ND96isr_H200_v5", "H200", 8, 96)]
    [InlineData("Microsoft", "Standard_ND96isr_MI300X_v5", "MI300X", 8, 96)]
    [InlineData("Microsoft", "Standard_ND128isr_NDR_GB200_v6", "GB200", 4, 128)]
    [InlineData("Microsoft", "Standard_NC40ads_H100_v5", "H100-NVL", 1, 40)]
    [InlineData("Microsoft", "standardNDSH100v5Family", "H100", 8, 96)]
    [InlineData("Microsoft", "Standard NDASv4_A100 Family", "A100-40GB", 8, 96)]
    [InlineData("Google Cloud", "a2-highgpu-8g", "A100-40GB", 8, 96)]
    [InlineData("Google Cloud", "a2-ultragpu-8g", "A100-80GB", 8, 96)]
    [InlineData("Google Cloud", "a3-highgpu-8g", "H100", 8, 208)]
    [InlineData("Google Cloud", "a3-megagpu-8g", "H100", 8, 208)]
    [InlineData("Google Cloud", "a3-ultragpu-8g", "H200", 8, 224)]
    [InlineData("Google Cloud", "a4-highgpu-8g", "B200", 8, 224)]
    [InlineData("Google Cloud", "a4x-highgpu-4g", "GB200", 4, 140)]
    [InlineData("Google Cloud", "g2-standard-48", "L4", 4, 48)]
    [InlineData("Oracle", "BM.GPU.A100-v2.8", "A100-80GB", 8, 256)]
    [InlineData("Oracle", "BM.GPU.H100.8", "H100", 8, 224)]
    [InlineData("Oracle", "BM.GPU.H200.8", "H200", 8, 224)]
    [InlineData("Oracle", "BM.GPU.B200.8", "B200", 8, 256)]
    [InlineData("Oracle", "BM.GPU.GB200.4", "GB200", 4, 144)]
    [InlineData("Oracle", "BM.GPU.MI300X.8", "MI300X", 8, 224)]
    [InlineData("Oracle", "BM.GPU.L40S.4", "L40S", 4, 224)]
    public void Every_listed_instance_family_and_shape_resolves(string provider, string name, string model, int gpus, int vcpus)
    {
        var entry = Catalog.Find(provider, name);

        entry.Should().NotBeNull();
        (entry!.AcceleratorModel, entry.GpusPerInstance, entry.VcpusPerInstance).Should().Be((model, gpus, vcpus));
        entry.Source.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("Google Cloud", "NVIDIA_H100_GPUS", "H100")]
    [InlineData("Google Cloud", "PREEMPTIBLE_NVIDIA_H100_GPUS", "H100")]
    [InlineData("Google Cloud", "COMMITTED_NVIDIA_H100_GPUS", "H100")]
    [InlineData("Google Cloud", "PREEMPTIBLE_NVIDIA_L4_GPUS", "L4")]
    [InlineData("Google Cloud", "committed_nvidia_a100_80gb_gpus", "A100-80GB")]
    [InlineData("Oracle", "gpu-a100-v2-count", "A100-80GB")]
    [InlineData("Oracle", "gpu-h100-count", "H100")]
    [InlineData("Oracle", "gpu-h200-count", "H200")]
    [InlineData("Oracle", "gpu-b200-count", "B200")]
    [InlineData("Oracle", "gpu-gb200-count", "GB200")]
    [InlineData("Oracle", "gpu-mi300x-count", "MI300X")]
    [InlineData("Oracle", "gpu-l40s-count", "L40S")]
    public void Gpu_counted_quota_metrics_and_limits_convert_one_to_one(string provider, string name, string model)
    {
        var entry = Catalog.Find(provider, name)!;

        entry.AcceleratorModel.Should().Be(model);
        entry.Unit.Should().Be(CapacityUnit.Gpu);
        entry.ToGpus(64m).Should().Be(64m);
    }

    [Theory]
    [InlineData("Microsoft", "standardNDSH100v5Family", 384, 32)]
    [InlineData("Microsoft", "STANDARDNDSH100V5FAMILY", 192, 16)]
    [InlineData("Microsoft", "standardNDSH100v5Family", 100, 8)]
    [InlineData("Microsoft", "standardNDSH100v5Family", 95, 0)]
    [InlineData("Microsoft", "StandardNCadsH100v5Family", 80, 2)]
    [InlineData("AWS", "L-417A185B", 1152, 48)]
    [InlineData("AWS", "L-2C3B7624", 384, 32)]
    public void Vcpu_quotas_convert_to_the_gpus_of_whole_reference_instances(string provider, string name, int vcpus, int gpus) =>
        Catalog.Find(provider, name)!.ToGpus(vcpus).Should().Be(gpus);

    [Fact]
    public void Instances_convert_by_gpus_per_instance() => Catalog.Find("AWS", "p5.48xlarge")!.ToGpus(4).Should().Be(32);

    [Fact]
    public void The_spot_bucket_has_no_gpu_conversion() => Catalog.Find("Microsoft", "lowPriorityCores")!.ToGpus(1000).Should().BeNull();

    [Theory]
    [InlineData("AWS", "p9.96xlarge")]
    [InlineData("Microsoft", "standardNDQuantumFamily")]
    [InlineData("Google Cloud", "PREEMPTIBLE_NVIDIA_X1000_GPUS")]
    [InlineData("Oracle", "BM.GPU.H100.8 ")]
    public void Unknown_names_are_not_guessed(string provider, string name)
    {
        var entry = Catalog.Find(provider, name);

        if (name.EndsWith(' '))
        {
            entry.Should().NotBeNull("surrounding spaces are ignored, not meaning");
            return;
        }

        entry.Should().BeNull();
    }

    [Fact]
    public void The_catalog_is_versioned_and_searchable_across_providers()
    {
        Catalog.Version.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        Catalog.Search("NVIDIA_H100_GPUS").Should().ContainSingle().Which.Provider.Should().Be("Google Cloud");
        Catalog.Entries.Should().OnlyContain(e => e.Source.Length > 0 && e.AcceleratorModel.Length > 0);
    }

    [Fact]
    public void A_malformed_catalog_line_is_reported_with_its_number()
    {
        var act = () => AcceleratorCatalog.Parse(new StringReader("provider,kind,name,accelerator_model,gpus,vcpus,unit,notes,source\nAWS,instance-type,x,H100,8,96,parsec,,src\n"));

        act.Should().Throw<FormatException>().WithMessage("*line 2*parsec*");
    }

    [Fact]
    public void Variants_come_from_the_catalog_data_not_from_code()
    {
        const string Csv = """
            # variant: Example Cloud | SPOT- | spot | spot
            # variant: Example Cloud | RESERVED- | reserved
            provider,kind,name,accelerator_model,gpus,vcpus,unit,notes,source
            Example Cloud,quota-metric,H100-GPUS,H100,1,,GPU,,src
            """;
        var catalog = AcceleratorCatalog.Parse(new StringReader(Csv));

        catalog.Find("Example Cloud", "spot-h100-gpus").Should().Match<AcceleratorEntry>(e => e.AcceleratorModel == "H100" && e.Notes == "spot variant of H100-GPUS");
        catalog.Find("Example Cloud", "RESERVED-H100-GPUS")!.AcceleratorModel.Should().Be("H100");
        catalog.Find("Other Cloud", "SPOT-H100-GPUS").Should().BeNull("a variant belongs to its provider");
        catalog.IsSpot("Example Cloud", "SPOT-X1000-GPUS", null).Should().BeTrue("an uncatalogued spot variant is still spot capacity");
        catalog.IsSpot("Example Cloud", "RESERVED-H100-GPUS", catalog.Find("Example Cloud", "RESERVED-H100-GPUS")).Should().BeFalse();
        AcceleratorCatalog.Default.Variants.Should().Contain(v => v.Provider == "Google Cloud" && v.Prefix == "PREEMPTIBLE_" && v.Spot);
    }

    [Theory]
    [InlineData("# variant: Example Cloud | SPOT-")]
    [InlineData("# variant: Example Cloud | SPOT- | spot | cheap")]
    [InlineData("# variant:  | SPOT- | spot")]
    public void A_malformed_variant_line_is_reported_with_its_number(string line)
    {
        var act = () => AcceleratorCatalog.Parse(new StringReader("# catalog\n" + line + "\nprovider,kind,name,accelerator_model,gpus,vcpus,unit,notes,source\n"));

        act.Should().Throw<FormatException>().WithMessage("accelerator catalog line 2: a variant is*");
    }
}
