using VendorRisk.Domain.Vendors;

namespace VendorRisk.Domain.Tests.Vendors;

public sealed class SiretTests
{
    [Theory]
    [InlineData("73282932000074")]
    [InlineData("552 100 554 00013")]
    [InlineData("443 061 841 00047")]
    [InlineData("35600000049837")] // La Poste: digit sum multiple of 5, Luhn invalid
    public void A_valid_siret_is_accepted(string siret) => Assert.True(Siret.IsValid(siret));

    [Theory]
    [InlineData("73282932000075")] // last digit changed
    [InlineData("73282932000047")] // two digits swapped
    [InlineData("7328293200007")] // 13 digits
    [InlineData("732829320000740")] // 15 digits
    [InlineData("7328293200007A")]
    [InlineData("35600000000048")] // Luhn valid but La Poste's rule is not met
    [InlineData("")]
    [InlineData(null)]
    public void An_invalid_siret_is_refused(string? siret) => Assert.False(Siret.IsValid(siret));

    [Theory]
    [InlineData("79927398713", true)]
    [InlineData("79927398710", false)]
    [InlineData("0", true)]
    [InlineData("", false)]
    public void Luhn_checks_the_mod_10_sum(string digits, bool valid) => Assert.Equal(valid, Luhn.IsValid(digits));
}
