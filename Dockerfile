# syntax=docker/dockerfile:1
# VendorRisk web app: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t vendorrisk .
#   docker run -p 8080:8080 -v vendorrisk-data:/app/data vendorrisk
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig VendorRisk.sln ./
COPY src/ src/
RUN dotnet restore src/VendorRisk.Web/VendorRisk.Web.csproj
RUN dotnet publish src/VendorRisk.Web/VendorRisk.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app ./
# The SQLite file (and later local evidence storage) lives in /app/data: mount a volume there.
RUN mkdir -p /app/data && chown -R "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Database__Provider=Sqlite \
    Database__DataDirectory=/app/data
# Orchestrators probe /health/live and /health/ready on this port.
EXPOSE 8080
ENTRYPOINT ["dotnet", "VendorRisk.Web.dll"]
