using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EvidenceVault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvidenceDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EngagementId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ConcurrencyToken = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceDocuments_Engagements_EngagementId",
                        column: x => x.EngagementId,
                        principalTable: "Engagements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Band = table.Column<int>(type: "INTEGER", nullable: false),
                    RecipientOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceReminders_EvidenceDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "EvidenceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OriginalFileName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DataKeySecret = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UploadedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ScanStatus = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ScannedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ScanDetail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceVersions_EvidenceDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "EvidenceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HospitalOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SharedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SharedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceShares_EvidenceDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "EvidenceDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceShares_EvidenceVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "EvidenceVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceShares_Organisations_HospitalOrganisationId",
                        column: x => x.HospitalOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceDocuments_EngagementId",
                table: "EvidenceDocuments",
                column: "EngagementId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceDocuments_TenantId",
                table: "EvidenceDocuments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceDocuments_TenantId_ExpiresOn",
                table: "EvidenceDocuments",
                columns: new[] { "TenantId", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceReminders_DocumentId_ExpiresOn_Band_RecipientOrganisationId",
                table: "EvidenceReminders",
                columns: new[] { "DocumentId", "ExpiresOn", "Band", "RecipientOrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceReminders_TenantId",
                table: "EvidenceReminders",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceShares_DocumentId",
                table: "EvidenceShares",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceShares_HospitalOrganisationId_VersionId",
                table: "EvidenceShares",
                columns: new[] { "HospitalOrganisationId", "VersionId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceShares_TenantId",
                table: "EvidenceShares",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceShares_VersionId",
                table: "EvidenceShares",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceVersions_DocumentId_Number",
                table: "EvidenceVersions",
                columns: new[] { "DocumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceVersions_ScanStatus",
                table: "EvidenceVersions",
                column: "ScanStatus");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceVersions_StorageKey",
                table: "EvidenceVersions",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceVersions_TenantId",
                table: "EvidenceVersions",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceReminders");

            migrationBuilder.DropTable(
                name: "EvidenceShares");

            migrationBuilder.DropTable(
                name: "EvidenceVersions");

            migrationBuilder.DropTable(
                name: "EvidenceDocuments");
        }
    }
}
