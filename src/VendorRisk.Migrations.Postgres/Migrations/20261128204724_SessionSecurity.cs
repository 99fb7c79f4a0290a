using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VendorRisk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SessionSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "UserSessions",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiClientAddresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApiClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstSeenAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiClientAddresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiClientAddresses_Organisations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiClientAddresses_TenantId",
                table: "ApiClientAddresses",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiClientAddresses_TenantId_ApiClientId_IpAddress",
                table: "ApiClientAddresses",
                columns: new[] { "TenantId", "ApiClientId", "IpAddress" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiClientAddresses");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "UserSessions");
        }
    }
}
