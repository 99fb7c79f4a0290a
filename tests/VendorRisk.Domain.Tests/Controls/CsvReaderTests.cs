using VendorRisk.Domain.Controls;

namespace VendorRisk.Domain.Tests.Controls;

public sealed class CsvReaderTests
{
    [Fact]
    public void Plain_fields_are_split_on_commas() =>
        Assert.Equal(["a", "b", "", "d"], CsvReader.Parse("a,b,,d\n")[0]);

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var rows = CsvReader.Parse("id,text\r\n1,\"Roles, responsibilities \"\"and\"\" authorities\nsecond line\"\r\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Roles, responsibilities \"and\" authorities\nsecond line", rows[1][1]);
    }

    [Fact]
    public void A_last_line_without_line_break_is_read() =>
        Assert.Equal(["x", "y"], CsvReader.Parse("h1,h2\nx,y")[1]);

    [Fact]
    public void Blank_lines_are_skipped() =>
        Assert.Equal(2, CsvReader.Parse("a\n\nb\n").Count);

    [Fact]
    public void An_empty_quoted_field_is_an_empty_string() =>
        Assert.Equal(["", "z"], CsvReader.Parse("\"\",z")[0]);

    [Theory]
    [InlineData("a,\"unterminated\n", "not closed")]
    [InlineData("a,\"closed\"junk\n", "after a closing quote")]
    [InlineData("a,b\"c\n", "only open a field")]
    public void Malformed_input_fails_with_the_line_number(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => CsvReader.Parse(text));
        Assert.Contains("Line 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
