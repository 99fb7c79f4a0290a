using VendorRisk.Domain.Controls;

namespace VendorRisk.Domain.Tests.Controls;

public sealed class ControlCatalogueTests
{
    private static readonly ControlCatalogue Catalogue = ControlCatalogue.Default;

    [Theory]
    [InlineData(ControlCatalogue.NistCsf2, 134)]
    [InlineData(ControlCatalogue.Iso27001, 93)]
    [InlineData(ControlCatalogue.HdsV2, 31)]
    [InlineData(ControlCatalogue.Nis2, 13)]
    [InlineData(ControlCatalogue.Nis2ImplementingRegulation, 28)]
    [InlineData(ControlCatalogue.Hipaa, 13)]
    public void Each_framework_has_the_number_of_controls_of_its_source(string framework, int count)
    {
        Assert.Equal(count, Catalogue.InFramework(framework).Count());
        Assert.Equal(count, Catalogue.Frameworks.Single(f => f.Id == framework).ControlCount);
    }

    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 22)]
    [InlineData(3, 106)]
    public void Nist_csf_has_6_functions_22_categories_and_106_subcategories(int level, int count) =>
        Assert.Equal(count, Catalogue.InFramework(ControlCatalogue.NistCsf2).Count(c => c.Level == level));

    [Fact]
    public void Iso_27001_rows_carry_ids_only_never_the_copyrighted_titles()
    {
        var iso = Catalogue.InFramework(ControlCatalogue.Iso27001).ToList();
        Assert.All(iso, c =>
        {
            Assert.Equal(string.Empty, c.Name);
            Assert.Equal(string.Empty, c.Description);
            Assert.Matches(@"^A\.[5-8]\.\d{1,2}$", c.Id);
        });
        Assert.Equal(37, iso.Count(c => c.ParentId == "Organizational"));
        Assert.Equal(8, iso.Count(c => c.ParentId == "People"));
        Assert.Equal(14, iso.Count(c => c.ParentId == "Physical"));
        Assert.Equal(34, iso.Count(c => c.ParentId == "Technological"));
    }

    [Fact]
    public void Every_parent_resolves_within_its_framework_except_iso_themes()
    {
        foreach (var control in Catalogue.Controls.Where(c => c.ParentId is not null && c.Framework != ControlCatalogue.Iso27001))
        {
            Assert.True(Catalogue.Exists(control.Framework, control.ParentId!), $"{control.Framework} {control.Id} has unknown parent {control.ParentId}");
        }
    }

    [Fact]
    public void Hds_requirements_run_from_EXI_01_to_EXI_31() =>
        Assert.Equal(
            Enumerable.Range(1, 31).Select(i => $"EXI {i:00}"),
            Catalogue.InFramework(ControlCatalogue.HdsV2).Select(c => c.Id));

    [Theory]
    [InlineData(ControlCatalogue.NistCsf2, "PR.AA-03", true)]
    [InlineData(ControlCatalogue.Iso27001, "A.5.19", true)]
    [InlineData(ControlCatalogue.Nis2, "NIS2-21.2.d", true)]
    [InlineData(ControlCatalogue.Hipaa, "164.312(d)", true)]
    [InlineData(ControlCatalogue.Iso27001, "PR.AA-03", false)]
    [InlineData(ControlCatalogue.NistCsf2, "pr.aa-03", false)]
    [InlineData("unknown", "A.5.19", false)]
    public void Exists_looks_up_the_framework_and_the_exact_id(string framework, string id, bool expected) =>
        Assert.Equal(expected, Catalogue.Exists(framework, id));

    [Fact]
    public void Search_finds_by_id_first_then_by_text()
    {
        var results = Catalogue.Search("PR.AA");
        Assert.Equal(7, results.Count(c => c.Id.StartsWith("PR.AA", StringComparison.Ordinal)));
        Assert.StartsWith("PR.AA", results[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ignores_case_and_accents() =>
        Assert.Contains(Catalogue.Search("hebergeur", ControlCatalogue.HdsV2), c => c.Id == "EXI 01");

    [Fact]
    public void Search_by_english_text_finds_multi_factor_authentication() =>
        Assert.Contains(Catalogue.Search("MULTI-FACTOR"), c => c.Id == "NIS2-21.2.j");

    [Fact]
    public void Search_with_blank_text_finds_nothing() => Assert.Empty(Catalogue.Search("  "));

    [Fact]
    public void A_file_with_an_unknown_framework_is_refused()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ControlCatalogue.FromCsv(
            [("x.csv", "framework,id,parent_id,level,name,description\nsig-lite,1,,1,Name,\n")]));
        Assert.Contains("sig-lite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_control_is_refused() =>
        Assert.Throws<InvalidDataException>(() => ControlCatalogue.FromCsv(
            [("x.csv", "framework,id,parent_id,level,name,description\nhds-v2,EXI 01,,1,a,\nhds-v2,EXI 01,,1,b,\n")]));

    [Fact]
    public void A_row_with_missing_columns_names_the_file_and_row()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ControlCatalogue.FromCsv(
            [("x.csv", "framework,id,parent_id,level,name,description\nhds-v2,EXI 01,,1\n")]));
        Assert.Contains("x.csv, row 2", ex.Message, StringComparison.Ordinal);
    }
}
