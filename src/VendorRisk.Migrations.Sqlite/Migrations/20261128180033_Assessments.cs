using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Assessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentReminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EngagementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VendorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VendorOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompletionPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    CriticalCapApplied = table.Column<bool>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NextReassessmentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Engagements_EngagementId",
                        column: x => x.EngagementId,
                        principalTable: "Engagements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Organisations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Organisations_VendorOrganisationId",
                        column: x => x.VendorOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_QuestionnaireTemplateVersions_TemplateVersionId",
                        column: x => x.TemplateVersionId,
                        principalTable: "QuestionnaireTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MessageKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Argument = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Review = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentAnswers_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsInternal = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentComments_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentRespondents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRespondents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentRespondents_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentSectionDelegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SectionKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DelegateUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DelegateName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DelegatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentSectionDelegations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentSectionDelegations_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VendorOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    QuestionKeys = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ControlIds = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RemediationPlan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsDraft = table.Column<bool>(type: "INTEGER", nullable: false),
                    RiskAcceptanceReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RiskAcceptedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RiskAcceptedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RiskAcceptedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAnswers_AssessmentId_QuestionKey",
                table: "AssessmentAnswers",
                columns: new[] { "AssessmentId", "QuestionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAnswers_TenantId",
                table: "AssessmentAnswers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentComments_AssessmentId_QuestionKey",
                table: "AssessmentComments",
                columns: new[] { "AssessmentId", "QuestionKey" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentComments_TenantId",
                table: "AssessmentComments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentReminders_Recipient_SentOn",
                table: "AssessmentReminders",
                columns: new[] { "Recipient", "SentOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentReminders_TenantId",
                table: "AssessmentReminders",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRespondents_AssessmentId_Email",
                table: "AssessmentRespondents",
                columns: new[] { "AssessmentId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRespondents_TenantId",
                table: "AssessmentRespondents",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_EngagementId",
                table: "Assessments",
                column: "EngagementId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_TemplateVersionId",
                table: "Assessments",
                column: "TemplateVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_TenantId",
                table: "Assessments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_VendorOrganisationId_Status",
                table: "Assessments",
                columns: new[] { "VendorOrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSectionDelegations_AssessmentId_SectionKey",
                table: "AssessmentSectionDelegations",
                columns: new[] { "AssessmentId", "SectionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentSectionDelegations_TenantId",
                table: "AssessmentSectionDelegations",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_AssessmentId_Status",
                table: "Findings",
                columns: new[] { "AssessmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_TenantId",
                table: "Findings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_TenantId",
                table: "Notifications",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentAnswers");

            migrationBuilder.DropTable(
                name: "AssessmentComments");

            migrationBuilder.DropTable(
                name: "AssessmentReminders");

            migrationBuilder.DropTable(
                name: "AssessmentRespondents");

            migrationBuilder.DropTable(
                name: "AssessmentSectionDelegations");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "Assessments");
        }
    }
}
