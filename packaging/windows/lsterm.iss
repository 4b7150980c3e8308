; Inno Setup script for lsterm on Windows. packaging/build.py runs it as
;   iscc /DAppVersion=<version> /DSourceDir=<dist\lsterm> /DOutputDir=<dist> /DIconFile=<lsterm.ico> lsterm.iss
; so the version comes from pyproject.toml and is never written here.
;
; User data is not in the program folder: workspaces and settings live in %LOCALAPPDATA%\lsterm
; (platformdirs), the journal and alerts in its data folder. The uninstaller removes only what it
; installed, so an uninstall or an upgrade keeps them.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z (packaging/build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\lsterm"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\lsterm.ico"
#endif

[Setup]
AppId={{6F1B2C4E-8A3D-4E5F-9B7A-1C2D3E4F5A6B}
AppName=lsterm
AppVersion={#AppVersion}
AppVerName=lsterm {#AppVersion}
AppPublisher=lsterm
AppComments=Trading terminal for the LS Securities OpenAPI
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\lsterm
DefaultGroupName=lsterm
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=lsterm-{#AppVersion}-windows-x86_64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\lsterm.exe
UninstallDisplayName=lsterm {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\Korean.isl")
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; an upgrade must not leave the previous version's modules beside the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\lsterm"; Filename: "{app}\lsterm.exe"; AppUserModelID: "kr.lsterm.terminal"
Name: "{group}\lsterm (demo)"; Filename: "{app}\lsterm.exe"; Parameters: "--mode demo"
Name: "{group}\{cm:UninstallProgram,lsterm}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\lsterm"; Filename: "{app}\lsterm.exe"; Tasks: desktopicon; AppUserModelID: "kr.lsterm.terminal"

[Run]
Filename: "{app}\lsterm.exe"; Description: "{cm:LaunchProgram,lsterm}"; Flags: nowait postinstall skipifsilent
