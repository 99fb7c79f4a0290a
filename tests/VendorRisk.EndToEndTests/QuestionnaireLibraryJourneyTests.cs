using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VendorRisk.EndToEndTests.Infrastructure;

namespace VendorRisk.EndToEndTests;

[Collection(LiveAppAndBrowser.Name)]
public sealed partial class QuestionnaireLibraryJourneyTests(LiveApp app, Browser browser)
{
    [Fact]
    public async Task A_ciso_builds_a_conditional_questionnaire_previews_publishes_exports_and_reimports_it_identically()
    {
        var page = await browser.NewPageAsync();
        var name = $"Remote access {Guid.NewGuid():N}"[..24];
        await page.GotoAsync(app.Url("/questionnaires").ToString());
        await page.SignInAsync("rssi@chu-demo.example");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Questionnaire templates");
        await page.WaitForInteractiveAsync();
        await page.AssertNoSeriousViolationsAsync();

        // Create a blank template: it opens on its draft.
        await page.GetByLabel("Name in French").FillAsync($"Accès {name}");
        await page.GetByLabel("Name in English").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(EditUrl());
        await page.WaitForInteractiveAsync();

        // A section, then two questions; the second is shown only when the first is answered yes.
        var addSection = page.Locator("[data-testid=add-section]");
        await addSection.GetByLabel("Section key").FillAsync("access");
        await addSection.GetByLabel("Title in French").FillAsync("Accès");
        await addSection.GetByLabel("Title in English").FillAsync("Access");
        await addSection.GetByRole(AriaRole.Button, new() { Name = "Add section" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit section access" }).ClickAsync();
        await page.Locator("[data-testid=section-editor]").GetByLabel("Description in French").FillAsync("Accès distant du personnel éditeur");
        await page.Locator("[data-testid=section-editor]").GetByLabel("Description in English").FillAsync("Remote access by vendor staff");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=section-editor]")).ToHaveCountAsync(0);
        await AddQuestionAsync(page, "remote", "Accès distant ?", "Does the vendor have remote access?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await AddQuestionAsync(page, "mfa", "MFA imposée ?", "Is MFA enforced for remote access?");

        var editor = page.Locator("[data-testid=question-editor]");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        await page.ChooseAsync(editor.GetByLabel("Rule 1: question"), "remote — Does the vendor have remote access?");
        await page.ChooseAsync(editor.GetByLabel("Rule 1: answer"), "Yes");
        await editor.GetByRole(AriaRole.Combobox, new() { Name = "Add a control" }).FillAsync("PR.AA-03");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Assertions.Expect(editor.GetByText("PR.AA-03")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-question=mfa]")).ToContainTextAsync("shown when remote = yes");

        // The preview shows and hides the conditional question as the vendor will see it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview, check and publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=validation]")).ToContainTextAsync("Nothing prevents publishing.");
        await page.WaitForInteractiveAsync();
        var preview = page.Locator("[data-testid=preview]");
        await Assertions.Expect(preview.GetByText("Is MFA enforced for remote access?")).ToHaveCountAsync(0);
        await preview.Locator("[data-question=remote]").GetByText("Yes", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(preview.GetByText("Is MFA enforced for remote access?")).ToBeVisibleAsync();
        await preview.Locator("[data-question=remote]").GetByText("No", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(preview.GetByText("Is MFA enforced for remote access?")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=published]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=version-status]")).ToHaveTextAsync("Published");

        // Export, then import the file as a new template: its export is identical.
        var exported = await DownloadAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Export JSON" }));
        await page.GotoAsync(app.Url("/questionnaires").ToString());
        await page.WaitForInteractiveAsync();
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, exported, TestContext.Current.CancellationToken);
        await page.UploadWhenReadyAsync(".vr-import-input", file);
        await Assertions.Expect(page).ToHaveURLAsync(TemplateUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await page.WaitForInteractiveAsync();
        var reimported = await DownloadAsync(page, page.Locator("[data-testid=export-1]"));

        Assert.Equal(exported, reimported);
        Assert.Contains("\"visibleWhen\"", exported, StringComparison.Ordinal);
        Assert.Contains("Remote access by vendor staff", exported, StringComparison.Ordinal);
        Assert.Contains("Accès distant du personnel éditeur", exported, StringComparison.Ordinal);
        File.Delete(file);
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_a_clear_message()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.Url("/questionnaires").ToString());
        await page.SignInAsync("admin@chu-demo.example");
        await page.WaitForInteractiveAsync();
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "format": "vendorrisk-questionnaire", "formatVersion": 2 }""", TestContext.Current.CancellationToken);

        await page.UploadWhenReadyAsync(".vr-import-input", file);

        await Assertions.Expect(page.Locator("[data-testid=library-error]")).ToContainTextAsync("Nothing was imported.");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/questionnaires$"));
        File.Delete(file);
    }

    private static async Task AddQuestionAsync(IPage page, string key, string textFr, string textEn)
    {
        var form = page.Locator("[data-testid=add-question]").Last;
        await form.GetByLabel("New question key").FillAsync(key);
        await form.GetByLabel("Question in French").FillAsync(textFr);
        await form.GetByLabel("Question in English").FillAsync(textEn);
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-question={key}]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=question-editor]")).ToBeVisibleAsync();
    }

    private static async Task<string> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path);
    }

    [GeneratedRegex("/questionnaires/[0-9a-f-]{36}/versions/1/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex("/questionnaires/[0-9a-f-]{36}$")]
    private static partial Regex TemplateUrl();
}
