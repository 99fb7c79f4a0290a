using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VendorRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Vendors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LegalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    RegistrationNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SecurityContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SecurityContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    SecurityContactPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ParentCompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LinkedOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ArchivedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ConcurrencyToken = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vendors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vendors_Organisations_LinkedOrganisationId",
                        column: x => x.LinkedOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Vendors_Vendors_ParentCompanyId",
                        column: x => x.ParentCompanyId,
                        principalTable: "Vendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VendorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Products_Vendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "Vendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VendorSubProcessors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VendorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubProcessorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VendorSubProcessors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VendorSubProcessors_Vendors_SubProcessorId",
                        column: x => x.SubProcessorId,
                        principalTable: "Vendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VendorSubProcessors_Vendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "Vendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Engagements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VendorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Establishments = table.Column<string>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Hosting = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HdsCertificateNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DataCategories = table.Column<int>(type: "INTEGER", nullable: false),
                    PatientRecordCount = table.Column<long>(type: "INTEGER", nullable: false),
                    VendorAccess = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DowntimeToleranceHours = table.Column<int>(type: "INTEGER", nullable: false),
                    IntegrationPoints = table.Column<string>(type: "TEXT", nullable: false),
                    InherentRiskScore = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedTier = table.Column<int>(type: "INTEGER", nullable: false),
                    OverrideTier = table.Column<int>(type: "INTEGER", nullable: true),
                    ConcurrencyToken = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Engagements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Engagements_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Engagements_Vendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "Vendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EngagementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PresentClauses = table.Column<int>(type: "INTEGER", nullable: false),
                    BreachNotificationDelayHours = table.Column<int>(type: "INTEGER", nullable: true),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contracts_Engagements_EngagementId",
                        column: x => x.EngagementId,
                        principalTable: "Engagements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrivilegedAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EngagementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccessPath = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MfaEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivilegedAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrivilegedAccounts_Engagements_EngagementId",
                        column: x => x.EngagementId,
                        principalTable: "Engagements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TierOverrideHistory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EngagementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromTier = table.Column<int>(type: "INTEGER", nullable: false),
                    ToTier = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierOverrideHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TierOverrideHistory_Engagements_EngagementId",
                        column: x => x.EngagementId,
                        principalTable: "Engagements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_EndsOn",
                table: "Contracts",
                column: "EndsOn");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_EngagementId",
                table: "Contracts",
                column: "EngagementId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_TenantId",
                table: "Contracts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_ProductId",
                table: "Engagements",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_TenantId",
                table: "Engagements",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_VendorId",
                table: "Engagements",
                column: "VendorId");

            migrationBuilder.CreateIndex(
                name: "IX_PrivilegedAccounts_EngagementId",
                table: "PrivilegedAccounts",
                column: "EngagementId");

            migrationBuilder.CreateIndex(
                name: "IX_PrivilegedAccounts_NextReviewDue",
                table: "PrivilegedAccounts",
                column: "NextReviewDue");

            migrationBuilder.CreateIndex(
                name: "IX_PrivilegedAccounts_TenantId",
                table: "PrivilegedAccounts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Products_TenantId",
                table: "Products",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Products_VendorId",
                table: "Products",
                column: "VendorId");

            migrationBuilder.CreateIndex(
                name: "IX_TierOverrideHistory_EngagementId",
                table: "TierOverrideHistory",
                column: "EngagementId");

            migrationBuilder.CreateIndex(
                name: "IX_TierOverrideHistory_TenantId",
                table: "TierOverrideHistory",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_LinkedOrganisationId",
                table: "Vendors",
                column: "LinkedOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_ParentCompanyId",
                table: "Vendors",
                column: "ParentCompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_TenantId",
                table: "Vendors",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_TenantId_CountryCode",
                table: "Vendors",
                columns: new[] { "TenantId", "CountryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_TenantId_LegalName",
                table: "Vendors",
                columns: new[] { "TenantId", "LegalName" });

            migrationBuilder.CreateIndex(
                name: "IX_VendorSubProcessors_SubProcessorId",
                table: "VendorSubProcessors",
                column: "SubProcessorId");

            migrationBuilder.CreateIndex(
                name: "IX_VendorSubProcessors_TenantId",
                table: "VendorSubProcessors",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_VendorSubProcessors_VendorId_SubProcessorId",
                table: "VendorSubProcessors",
                columns: new[] { "VendorId", "SubProcessorId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contracts");

            migrationBuilder.DropTable(
                name: "PrivilegedAccounts");

            migrationBuilder.DropTable(
                name: "TierOverrideHistory");

            migrationBuilder.DropTable(
                name: "VendorSubProcessors");

            migrationBuilder.DropTable(
                name: "Engagements");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropTable(
                name: "Vendors");
        }
    }
}
