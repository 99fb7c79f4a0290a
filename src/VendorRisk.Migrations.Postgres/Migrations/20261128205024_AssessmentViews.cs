using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MediumTierTemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    CriticalReassessmentMonths = table.Column<int>(type: "integer", nullable: false),
                    HighReassessmentMonths = table.Column<int>(type: "integer", nullable: false),
                    MediumReassessmentMonths = table.Column<int>(type: "integer", nullable: false),
                    LowReassessmentMonths = table.Column<int>(type: "integer", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentSettings_Organisations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssessmentSettings_QuestionnaireTemplates_MediumTierTemplat~",
                        column: x => x.MediumTierTemplateId,
                        principalTable: "QuestionnaireTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SavedAssessmentViews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Query = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedAssessmentViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedAssessmentViews_Organisations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSettings_MediumTierTemplateId",
                table: "AssessmentSettings",
                column: "MediumTierTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSettings_TenantId",
                table: "AssessmentSettings",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavedAssessmentViews_TenantId",
                table: "SavedAssessmentViews",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedAssessmentViews_TenantId_UserId_NameKey",
                table: "SavedAssessmentViews",
                columns: new[] { "TenantId", "UserId", "NameKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentSettings");

            migrationBuilder.DropTable(
                name: "SavedAssessmentViews");
        }
    }
}
