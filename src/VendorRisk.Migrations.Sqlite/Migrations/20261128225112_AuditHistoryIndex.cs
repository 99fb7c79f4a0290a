using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditHistoryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TenantId_TargetId_Sequence",
                table: "AuditEvents",
                columns: new[] { "TenantId", "TargetId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TenantId_TargetId_Sequence",
                table: "AuditEvents");
        }
    }
}
