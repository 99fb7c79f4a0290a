using Microsoft.EntityFrameworkCore.Migrations;
using VendorRisk.Infrastructure.Persistence.Search;

#nullable disable

namespace VendorRisk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class VendorSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Vendors",
                type: "character varying(251)",
                maxLength: 251,
                nullable: false,
                defaultValue: "");

            // Vendors recorded before this migration: fold their names once (docs/adr/0011).
            migrationBuilder.Sql(SearchTextSql.BackfillVendors(name => $"\"{name}\""));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Vendors");
        }
    }
}
