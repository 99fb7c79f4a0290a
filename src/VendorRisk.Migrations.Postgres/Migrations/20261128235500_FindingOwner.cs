using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FindingOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerLabel",
                table: "Findings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerUserId",
                table: "Findings",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            // ADR 0016: a free-text owner that names exactly one member of the finding's hospital
            // (display name or e-mail, trimmed, case-insensitive) becomes that member; any other
            // text is kept as a label, shown as such until a reviewer chooses an owner.
            migrationBuilder.Sql(FindingOwnerSql.MatchMembers);
            migrationBuilder.Sql(FindingOwnerSql.KeepLabels);

            migrationBuilder.DropColumn(
                name: "OwnerName",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_OwnerUserId",
                table: "Findings",
                column: "OwnerUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_OwnerUserId",
                table: "Findings");

            migrationBuilder.AddColumn<string>(
                name: "OwnerName",
                table: "Findings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(FindingOwnerSql.RestoreNames);

            migrationBuilder.DropColumn(
                name: "OwnerLabel",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "OwnerUserId",
                table: "Findings");
        }
    }

    /// <summary>The data steps of <see cref="FindingOwner"/> (standard SQL, the same on both providers).</summary>
    internal static class FindingOwnerSql
    {
        private const string Matches = """
            FROM "Memberships" m JOIN "AspNetUsers" u ON u."Id" = m."UserId"
            WHERE m."TenantId" = "Findings"."TenantId"
              AND (lower(u."DisplayName") = lower(trim("Findings"."OwnerName")) OR lower(u."Email") = lower(trim("Findings"."OwnerName")))
            """;

        public const string MatchMembers = $"""
            UPDATE "Findings" SET "OwnerUserId" = (SELECT m."UserId" {Matches})
            WHERE (SELECT count(*) {Matches}) = 1;
            """;

        public const string KeepLabels = """
            UPDATE "Findings" SET "OwnerLabel" = trim("OwnerName")
            WHERE "OwnerUserId" IS NULL AND trim("OwnerName") <> '';
            """;

        public const string RestoreNames = """
            UPDATE "Findings" SET "OwnerName" = coalesce("OwnerLabel",
                (SELECT coalesce(u."DisplayName", u."Email", '') FROM "AspNetUsers" u WHERE u."Id" = "Findings"."OwnerUserId"), '');
            """;
    }
}
