using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentFindingsHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DiscardedAtUtc",
                table: "Findings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiscardedBy",
                table: "Findings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceQuestionKey",
                table: "Findings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_AssessmentId_SourceQuestionKey",
                table: "Findings",
                columns: new[] { "AssessmentId", "SourceQuestionKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_AssessmentId_SourceQuestionKey",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "DiscardedAtUtc",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "DiscardedBy",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "SourceQuestionKey",
                table: "Findings");
        }
    }
}
